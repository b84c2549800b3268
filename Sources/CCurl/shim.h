#ifndef PIPELINE_GATEWAY_CCURL_SHIM_H
#define PIPELINE_GATEWAY_CCURL_SHIM_H

// libcurl for the Azure ML client's transport. curl_easy_setopt, curl_easy_getinfo and
// curl_multi_setopt are variadic, which Swift cannot call; these non-variadic wrappers pass each
// argument kind the option expects (long, pointer, curl_off_t, callback).
#include <curl/curl.h>

typedef size_t (*gateway_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode gateway_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode gateway_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode gateway_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// For CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION and CURLOPT_READFUNCTION (same C signature).
static inline CURLcode gateway_curl_setopt_callback(CURL *handle, CURLoption option, gateway_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode gateway_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode gateway_curl_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode gateway_curl_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode gateway_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

/// The result of a CURLMSG_DONE message (a union member Swift reaches only awkwardly).
static inline CURLcode gateway_curl_message_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
