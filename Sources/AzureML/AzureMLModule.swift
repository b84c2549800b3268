// AzureML: see the files of this target.
