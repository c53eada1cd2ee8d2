module openapi

go 1.22
