package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

func (g *gen) rootFile() *jen.File { return g.newFile(g.opts.Module, g.opts.Package) }

// sdkFile is sdk.go: the client, its options and the pointer helpers.
func (g *gen) sdkFile() *jen.File {
	f := g.rootFile()
	api := g.api

	servers := make([]jen.Code, 0, len(api.Servers))
	for _, s := range api.Servers {
		servers = append(servers, withDoc(docLines("", s.Description), jen.Lit(s.URL)))
	}
	f.Comment("// ServerList contains the servers the API documents; the first is the default.")
	f.Var().Id("ServerList").Op("=").Index().String().ValuesFunc(func(gr *jen.Group) {
		for _, s := range servers {
			gr.Add(s)
		}
	})

	f.Comment("// HTTPClient sends HTTP requests; *http.Client implements it.")
	f.Type().Id("HTTPClient").Interface(jen.Id("Do").Params(jen.Id("req").Op("*").Qual("net/http", "Request")).Params(jen.Op("*").Qual("net/http", "Response"), jen.Error()))

	for _, h := range []struct{ name, typ, doc string }{
		{"String", "string", "String returns a pointer to a copy of s."},
		{"Bool", "bool", "Bool returns a pointer to a copy of b."},
		{"Int", "int", "Int returns a pointer to a copy of i."},
		{"Int64", "int64", "Int64 returns a pointer to a copy of i."},
		{"Float32", "float32", "Float32 returns a pointer to a copy of f."},
		{"Float64", "float64", "Float64 returns a pointer to a copy of f."},
	} {
		v := string(h.doc[len(h.doc)-2])
		f.Comment("// " + h.doc)
		f.Func().Id(h.name).Params(jen.Id(v).Id(h.typ)).Op("*").Id(h.typ).Block(jen.Return(jen.Op("&").Id(v)))
	}
	f.Comment("// Time returns a pointer to a copy of t.")
	f.Func().Id("Time").Params(jen.Id("t").Qual("time", "Time")).Op("*").Qual("time", "Time").Block(jen.Return(jen.Op("&").Id("t")))

	// The configuration every service shares.
	cfg := []jen.Code{
		jen.Id("client").Id("HTTPClient"),
		jen.Id("serverURL").String(),
	}
	if api.SecurityType != nil {
		cfg = append(cfg, jen.Id("security").Op("*").Add(g.goType(api.SecurityType)))
	}
	f.Comment("// sdkConfiguration is shared by the SDK and its services.")
	f.Type().Id("sdkConfiguration").Struct(cfg...)

	sdkFields := make([]jen.Code, 0, len(api.Services)+1)
	for _, svc := range api.Services {
		sdkFields = append(sdkFields, withDoc(docLines("", svc.Description), jen.Id(svc.GoName).Op("*").Id(svc.GoName)))
	}
	sdkFields = append(sdkFields, jen.Line().Id("cfg").Op("*").Id("sdkConfiguration"))
	title := api.Title
	if title == "" {
		title = "the API"
	}
	f.Add(withDoc(docLines("SDK", "A client for "+title+"."), jen.Type().Id("SDK").Struct(sdkFields...)))

	f.Comment("// SDKOption configures the SDK in New.")
	f.Type().Id("SDKOption").Func().Params(jen.Op("*").Id("SDK"))

	option := func(name, doc string, params []jen.Code, body ...jen.Code) {
		f.Comment("// " + doc)
		f.Func().Id(name).Params(params...).Id("SDKOption").Block(
			jen.Return(jen.Func().Params(jen.Id("sdk").Op("*").Id("SDK")).Block(body...)),
		)
	}
	option("WithServerURL", "WithServerURL sends requests to serverURL instead of the default server.",
		[]jen.Code{jen.Id("serverURL").String()},
		jen.Id("sdk").Dot("cfg").Dot("serverURL").Op("=").Id("serverURL"))
	option("WithTemplatedServerURL", "WithTemplatedServerURL sends requests to serverURL with each {name} replaced by params[name].",
		[]jen.Code{jen.Id("serverURL").String(), jen.Id("params").Map(jen.String()).String()},
		jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Id("params")).Block(
			jen.Id("serverURL").Op("=").Qual("strings", "ReplaceAll").Call(jen.Id("serverURL"), jen.Lit("{").Op("+").Id("k").Op("+").Lit("}"), jen.Id("v")),
		),
		jen.Id("sdk").Dot("cfg").Dot("serverURL").Op("=").Id("serverURL"))
	option("WithClient", "WithClient sends requests with client instead of the default *http.Client (60 s timeout, redirects returned rather than followed).",
		[]jen.Code{jen.Id("client").Id("HTTPClient")},
		jen.Id("sdk").Dot("cfg").Dot("client").Op("=").Id("client"))
	if api.SecurityType != nil {
		option("WithSecurity", "WithSecurity sets the credentials of operations that use the API's global security.",
			[]jen.Code{jen.Id("security").Add(g.goType(api.SecurityType))},
			jen.Id("sdk").Dot("cfg").Dot("security").Op("=").Op("&").Id("security"))
	}

	newBody := []jen.Code{
		jen.Id("sdk").Op(":=").Op("&").Id("SDK").Values(jen.Dict{jen.Id("cfg"): jen.Op("&").Id("sdkConfiguration").Values()}),
		jen.For(jen.List(jen.Id("_"), jen.Id("opt")).Op(":=").Range().Id("opts")).Block(jen.Id("opt").Call(jen.Id("sdk"))),
		jen.If(jen.Id("sdk").Dot("cfg").Dot("client").Op("==").Nil()).Block(
			jen.Id("sdk").Dot("cfg").Dot("client").Op("=").Op("&").Qual("net/http", "Client").Values(jen.Dict{
				jen.Id("Timeout"): jen.Lit(60).Op("*").Qual("time", "Second"),
				// A redirect is an answer of the API, returned to the caller.
				jen.Id("CheckRedirect"): jen.Func().Params(jen.Op("*").Qual("net/http", "Request"), jen.Index().Op("*").Qual("net/http", "Request")).Error().Block(
					jen.Return(jen.Qual("net/http", "ErrUseLastResponse")),
				),
			}),
		),
		jen.If(jen.Id("sdk").Dot("cfg").Dot("serverURL").Op("==").Lit("").Op("&&").Len(jen.Id("ServerList")).Op(">").Lit(0)).Block(
			jen.Id("sdk").Dot("cfg").Dot("serverURL").Op("=").Id("ServerList").Index(jen.Lit(0)),
		),
	}
	for _, svc := range api.Services {
		newBody = append(newBody, jen.Id("sdk").Dot(svc.GoName).Op("=").Op("&").Id(svc.GoName).Values(jen.Dict{jen.Id("cfg"): jen.Id("sdk").Dot("cfg")}))
	}
	newBody = append(newBody, jen.Return(jen.Id("sdk")))
	f.Comment("// New returns an SDK configured by opts.")
	f.Func().Id("New").Params(jen.Id("opts").Op("...").Id("SDKOption")).Op("*").Id("SDK").Block(newBody...)
	return f
}

// serviceFile is one tag's file: its type and one method per operation.
func (g *gen) serviceFile(svc *model.Service) *jen.File {
	f := g.rootFile()
	f.Add(withDoc(docLines(svc.GoName, svc.Description), jen.Type().Id(svc.GoName).Struct(jen.Id("cfg").Op("*").Id("sdkConfiguration"))))
	for _, op := range svc.Operations {
		f.Add(g.emitOperationMethod(svc, op))
	}
	return f
}
