// Tests for the AzureML target.
