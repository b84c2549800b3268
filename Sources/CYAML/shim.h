#ifndef PIPELINE_GATEWAY_CYAML_SHIM_H
#define PIPELINE_GATEWAY_CYAML_SHIM_H

// libyaml (libyaml-dev) for schedule files read by `pipeline-gateway apply`. Only its event parser is
// used; the API is plain C with no variadics or macros Swift needs wrapped.
#include <yaml.h>

#endif
