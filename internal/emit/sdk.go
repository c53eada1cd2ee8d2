package emit

import (
	"strconv"
	"strings"

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
	// The engine's configuration (client, server, retries, timeout,
	// hooks, body bounds), then what the generated methods read.
	cfg := []jen.Code{
		jen.Qual(g.clientPath(), "Config"),
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
		jen.Id("sdk").Dot("cfg").Dot("ServerURL").Op("=").Id("serverURL"))
	option("WithTemplatedServerURL", "WithTemplatedServerURL sends requests to serverURL with each {name} replaced by params[name].",
		[]jen.Code{jen.Id("serverURL").String(), jen.Id("params").Map(jen.String()).String()},
		jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Id("params")).Block(
			jen.Id("serverURL").Op("=").Qual("strings", "ReplaceAll").Call(jen.Id("serverURL"), jen.Lit("{").Op("+").Id("k").Op("+").Lit("}"), jen.Id("v")),
		),
		jen.Id("sdk").Dot("cfg").Dot("ServerURL").Op("=").Id("serverURL"))
	option("WithClient", "WithClient sends requests with client instead of the default *http.Client (60 s timeout, redirects returned rather than followed).",
		[]jen.Code{jen.Id("client").Id("HTTPClient")},
		jen.Id("sdk").Dot("cfg").Dot("Client").Op("=").Id("client"))
	option("WithRetryConfig", "WithRetryConfig sets the retry policy of every call (an operation's option WithRetries wins); retry.None() turns retries off. Without it, each operation keeps the spec's policy or the default: see package retry.",
		[]jen.Code{jen.Id("config").Qual(g.retryPath(), "Config")},
		jen.Id("sdk").Dot("cfg").Dot("Retry").Op("=").Op("&").Id("config"))
	option("WithTimeout", "WithTimeout bounds every call, from its start to the end of its body read, the waits between retries included (an operation's option WithOperationTimeout wins). The context's deadline holds too.",
		[]jen.Code{jen.Id("timeout").Qual("time", "Duration")},
		jen.Id("sdk").Dot("cfg").Dot("Timeout").Op("=").Id("timeout"))
	option("WithBeforeRequest", "WithBeforeRequest calls hook before each attempt of every call is sent (to add a header, sign, refresh a token); hooks run in the order given.",
		[]jen.Code{jen.Id("hook").Qual(g.hooksPath(), "BeforeRequest")},
		jen.Id("sdk").Dot("cfg").Dot("BeforeRequest").Op("=").Append(jen.Id("sdk").Dot("cfg").Dot("BeforeRequest"), jen.Id("hook")))
	option("WithAfterSuccess", "WithAfterSuccess calls hook after each attempt answered with a status below 400.",
		[]jen.Code{jen.Id("hook").Qual(g.hooksPath(), "AfterSuccess")},
		jen.Id("sdk").Dot("cfg").Dot("AfterSuccess").Op("=").Append(jen.Id("sdk").Dot("cfg").Dot("AfterSuccess"), jen.Id("hook")))
	option("WithAfterError", "WithAfterError calls hook after each attempt that failed: an error status, or no answer.",
		[]jen.Code{jen.Id("hook").Qual(g.hooksPath(), "AfterError")},
		jen.Id("sdk").Dot("cfg").Dot("AfterError").Op("=").Append(jen.Id("sdk").Dot("cfg").Dot("AfterError"), jen.Id("hook")))
	option("WithMaxBodyBytes", "WithMaxBodyBytes bounds the answers decoded into memory (64 MiB by default); a larger one fails to decode. Downloads (io.ReadCloser results) are streamed, unbounded.",
		[]jen.Code{jen.Id("n").Int64()},
		jen.Id("sdk").Dot("cfg").Dot("MaxBodyBytes").Op("=").Id("n"))
	option("WithMaxErrorBodyBytes", "WithMaxErrorBodyBytes bounds the copy of an error answer's body kept in *sdkerrors.APIError (1 MiB by default).",
		[]jen.Code{jen.Id("n").Int64()},
		jen.Id("sdk").Dot("cfg").Dot("MaxErrorBodyBytes").Op("=").Id("n"))
	if api.SecurityType != nil {
		option("WithSecurity", "WithSecurity sets the credentials of operations that use the API's global security.",
			[]jen.Code{jen.Id("security").Add(g.goType(api.SecurityType))},
			jen.Id("sdk").Dot("cfg").Dot("security").Op("=").Op("&").Id("security"))
	}

	newBody := []jen.Code{
		jen.Id("sdk").Op(":=").Op("&").Id("SDK").Values(jen.Dict{jen.Id("cfg"): jen.Op("&").Id("sdkConfiguration").Values()}),
		jen.For(jen.List(jen.Id("_"), jen.Id("opt")).Op(":=").Range().Id("opts")).Block(jen.Id("opt").Call(jen.Id("sdk"))),
		jen.If(jen.Id("sdk").Dot("cfg").Dot("Client").Op("==").Nil()).Block(
			jen.Id("sdk").Dot("cfg").Dot("Client").Op("=").Op("&").Qual("net/http", "Client").Values(jen.Dict{
				jen.Id("Timeout"): jen.Lit(60).Op("*").Qual("time", "Second"),
				// A redirect is an answer of the API, returned to the caller.
				jen.Id("CheckRedirect"): jen.Func().Params(jen.Op("*").Qual("net/http", "Request"), jen.Index().Op("*").Qual("net/http", "Request")).Error().Block(
					jen.Return(jen.Qual("net/http", "ErrUseLastResponse")),
				),
			}),
		),
		jen.If(jen.Id("sdk").Dot("cfg").Dot("ServerURL").Op("==").Lit("").Op("&&").Len(jen.Id("ServerList")).Op(">").Lit(0)).Block(
			jen.Id("sdk").Dot("cfg").Dot("ServerURL").Op("=").Add(g.defaultServer()),
		),
		jen.Id("sdk").Dot("cfg").Dot("UserAgent").Op("=").Lit(g.userAgent()),
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
		if op.Retries != nil {
			f.Add(g.retriesDecl(op))
		}
		f.Add(g.emitOperationMethod(svc, op))
		if op.Pagination != nil {
			f.Add(g.emitIterator(svc, op))
		}
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

// userAgent names the SDK's module, the spec's info.version and gen's
// version: "gen/v1.2.0 (example.com/vault; api 10.34.0)". The spec's text
// is reduced to what a User-Agent comment may hold.
func (g *gen) userAgent() string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x21 || r > 0x7e || r == '(' || r == ')' || r == '\\' || r == ';' {
				return '_'
			}
			return r
		}, s)
	}
	version := g.opts.Version
	if version == "" {
		version = "devel"
	}
	ua := "gen/" + clean(version) + " (" + clean(g.opts.Module)
	if g.api.Version != "" {
		ua += "; api " + clean(g.api.Version)
	}
	return ua + ")"
}

// retriesDecl is the package variable holding op's retry policy from the
// spec:
//
//	var retriesOp = &retry.Config{Strategy: "backoff", Backoff: &retry.BackoffStrategy{...}, StatusCodes: []string{"5XX"}}
func (g *gen) retriesDecl(op *model.Operation) jen.Code {
	r := op.Retries
	d := jen.Dict{jen.Id("Strategy"): jen.Lit(r.Strategy)}
	if r.RetryConnectionErrors {
		d[jen.Id("RetryConnectionErrors")] = jen.True()
	}
	if len(r.StatusCodes) > 0 {
		codes := make([]jen.Code, len(r.StatusCodes))
		for i, c := range r.StatusCodes {
			codes[i] = jen.Lit(c)
		}
		d[jen.Id("StatusCodes")] = jen.Index().String().Values(codes...)
	}
	if r.InitialInterval > 0 || r.MaxInterval > 0 || r.MaxElapsedTime > 0 || r.Exponent > 0 {
		bd := jen.Dict{}
		for name, v := range map[string]int{"InitialInterval": r.InitialInterval, "MaxInterval": r.MaxInterval, "MaxElapsedTime": r.MaxElapsedTime} {
			if v > 0 {
				bd[jen.Id(name)] = jen.Lit(v)
			}
		}
		if r.Exponent > 0 {
			bd[jen.Id("Exponent")] = jen.Lit(r.Exponent)
		}
		d[jen.Id("Backoff")] = jen.Op("&").Qual(g.retryPath(), "BackoffStrategy").Values(bd)
	}
	return withDoc(docLines("", retriesVar(op)+" is the retry policy of "+op.GoName+" the spec sets (x-speakeasy-retries)."),
		jen.Var().Id(retriesVar(op)).Op("=").Op("&").Qual(g.retryPath(), "Config").Values(d))
}
