package emit

import (
	"strconv"

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

	g.serverVariables(f)

	// The configuration every service shares.
	cfg := []jen.Code{
		jen.Id("client").Id("HTTPClient"),
		jen.Id("serverURL").String(),
	}
	if len(api.ServerVariables) > 0 {
		cfg = append(cfg, jen.Id("serverVariables").Map(jen.String()).String())
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
			jen.Id("sdk").Dot("cfg").Dot("serverURL").Op("=").Add(g.defaultServer()),
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

// defaultServer is the first server's URL, its variables filled in.
func (g *gen) defaultServer() jen.Code {
	if len(g.api.ServerVariables) == 0 {
		return jen.Id("ServerList").Index(jen.Lit(0))
	}
	return jen.Id("serverURL").Call(jen.Lit(0), jen.Id("sdk").Dot("cfg").Dot("serverVariables"))
}

// serverVariables declares, when server URLs have {variables}, their
// defaults, a typed option per variable and the function that fills them:
//
//	type ServerRegion string
//	const ServerRegionEu ServerRegion = "eu"
//	func WithServerRegion(region ServerRegion) SDKOption
//	var serverDefaults = []map[string]string{{"region": "eu"}}
//	func serverURL(i int, set map[string]string) string
func (g *gen) serverVariables(f *jen.File) {
	api := g.api
	if len(api.ServerVariables) == 0 {
		return
	}
	for _, v := range api.ServerVariables {
		typ := jen.String()
		if v.TypeName != "" {
			f.Add(withDoc(docLines(v.TypeName, "a value of the server variable "+v.Name+"."), jen.Type().Id(v.TypeName).String()))
			consts := make([]jen.Code, 0, len(v.Values))
			for _, ev := range v.Values {
				consts = append(consts, jen.Id(ev.GoName).Id(v.TypeName).Op("=").Lit(ev.Value))
			}
			f.Const().Defs(consts...)
			typ = jen.Id(v.TypeName)
		}
		doc := v.Option + " sets the server variable " + v.Name + " (default " + strconv.Quote(v.Default) + ")."
		if v.Description != "" {
			doc += "\n" + v.Description
		}
		value := jen.Id("value")
		if v.TypeName != "" {
			value = jen.String().Call(jen.Id("value"))
		}
		f.Add(withDoc(docLines("", doc), jen.Func().Id(v.Option).Params(jen.Id("value").Add(typ)).Id("SDKOption").Block(
			jen.Return(jen.Func().Params(jen.Id("sdk").Op("*").Id("SDK")).Block(
				jen.If(jen.Id("sdk").Dot("cfg").Dot("serverVariables").Op("==").Nil()).Block(
					jen.Id("sdk").Dot("cfg").Dot("serverVariables").Op("=").Map(jen.String()).String().Values(),
				),
				jen.Id("sdk").Dot("cfg").Dot("serverVariables").Index(jen.Lit(v.Name)).Op("=").Add(value),
			)),
		)))
	}
	defaults := make([]jen.Code, 0, len(api.Servers))
	for _, s := range api.Servers {
		d := jen.Dict{}
		for k, v := range s.Defaults {
			d[jen.Lit(k)] = jen.Lit(v)
		}
		defaults = append(defaults, jen.Values(d))
	}
	f.Comment("// serverDefaults are the default values of each server's URL variables.")
	f.Var().Id("serverDefaults").Op("=").Index().Map(jen.String()).String().Values(defaults...)
	f.Comment("// serverURL is ServerList[i] with each {variable} replaced by its value in set, else its default.")
	f.Func().Id("serverURL").Params(jen.Id("i").Int(), jen.Id("set").Map(jen.String()).String()).String().Block(
		jen.Id("u").Op(":=").Id("ServerList").Index(jen.Id("i")),
		jen.For(jen.List(jen.Id("name"), jen.Id("def")).Op(":=").Range().Id("serverDefaults").Index(jen.Id("i"))).Block(
			jen.Id("v").Op(":=").Id("def"),
			jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("set").Index(jen.Id("name")), jen.Id("ok")).Block(jen.Id("v").Op("=").Id("s")),
			jen.Id("u").Op("=").Qual("strings", "ReplaceAll").Call(jen.Id("u"), jen.Lit("{").Op("+").Id("name").Op("+").Lit("}"), jen.Id("v")),
		),
		jen.Return(jen.Id("u")),
	)
}
