module openapi

go 1.24
