package model

import (
	"strconv"
	"strings"
)

// RootNames are the identifiers of the SDK's root package that services can
// never take (a tag named "SDK" becomes the service SDK2).
var RootNames = []string{
	"SDK", "SDKOption", "HTTPClient", "New", "ServerList",
	"String", "Bool", "Int", "Int64", "Float32", "Float64", "Time",
	"WithServerURL", "WithTemplatedServerURL", "WithClient", "WithSecurity",
	"WithRetryConfig", "WithTimeout", "WithBeforeRequest", "WithAfterSuccess", "WithAfterError",
	"WithMaxBodyBytes", "WithMaxErrorBodyBytes",
}

// OperationsNames are the identifiers of package operations that the
// runtime's per-call options take (runtime/operations/options.go).
var OperationsNames = []string{"Option", "WithServerURL", "WithRetries", "WithOperationTimeout", "WithSetHeaders"}

// pathNamer hands out file names unique without regard to case, so that the
// output is the same on case-insensitive file systems.
type pathNamer map[string]bool

func (p pathNamer) claim(base, ext string) string {
	name := base
	for i := 2; p[strings.ToLower(name+ext)]; i++ {
		name = base + strconv.Itoa(i)
	}
	p[strings.ToLower(name+ext)] = true
	return name + ext
}

// AssignFiles decides the file names that must not collide once lower-cased:
// service files and docs folders, operation and model doc pages. It runs
// after everything is named, in the model's (sorted) order.
func AssignFiles(api *API) {
	root := pathNamer{"sdk.go": true, "sdk_helpers.go": true, "sdk_params.go": true}
	dirs := pathNamer{"models": true}
	for _, svc := range api.Services {
		svc.FileName = root.claim(strings.ToLower(svc.GoName), ".go")
		svc.DocDir = dirs.claim(DocDir(svc.Tag), "")
	}
	pages := map[string]pathNamer{PkgShared: {}, PkgOperations: {}}
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			op.DocPage = PkgOperations + "/" + pages[PkgOperations].claim(strings.ToLower(op.GoName), ".md")
		}
	}
	for _, t := range api.Types {
		if pages[t.Pkg] == nil {
			pages[t.Pkg] = pathNamer{}
		}
		t.DocPage = t.Pkg + "/" + pages[t.Pkg].claim(strings.ToLower(t.Name), ".md")
	}
}
