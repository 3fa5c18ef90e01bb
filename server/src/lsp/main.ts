// filled by the language server
