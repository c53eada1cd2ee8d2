package emit

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync"
	"text/template"

	"github.com/oasgo/gen/internal/model"
	"github.com/oasgo/gen/templates"
)

// The markdown pages: views computed here from the model, laid out by the
// templates in templates/. Pages:
//   - docs/<tag>/README.md per service (the reference layout, byte for byte)
//   - README.md and USAGE.md of the SDK
//   - docs/models/operations/<op>.md: parameters, security, responses, errors
//   - docs/models/<pkg>/<type>.md per declared model

type opView struct {
	Name, Anchor, Summary, Description, Snippet, Dir, Page string
	// Iter and IterSnippet: the iterator of a paginated operation and
	// its example program ("" without one).
	Iter, IterSnippet string
	// Stream is the streaming variant's name and StreamSnippet its
	// program ("" when the operation has none).
	Stream, StreamSnippet string
}

type serviceView struct {
	Name, Description, Dir string
	Ops                    []opView
}

type modelLink struct{ Name, Page, Summary string }

type readmeView struct {
	Module, Title, Version, Usage string
	// Tuned is the usage program with retries, timeouts, hooks and
	// per-call options.
	Tuned string
	// Uploads: some body is multipart with a file; Choices: some
	// operation takes several media types (an example of one).
	Uploads  bool
	Choices  string
	Services []serviceView
	Models   []modelLink
	Webhooks []webhookRow
}

type webhookRow struct{ Name, Method, Summary, ContentType, Payload string }

type fieldRow struct{ GoName, In, Name, Type, Required, Description, Default string }

type securityRow struct{ GoName, Scheme, SentAs string }

type responseRow struct{ Status, ContentType, Field, Type, Description string }

type operationView struct {
	Name, Method, Path, Summary, Service, Dir, Anchor, Request, Response string
	Deprecated                                                           bool
	Security                                                             bool
	Fields                                                               []fieldRow
	SecurityText                                                         string
	SecurityFields                                                       []securityRow
	Responses                                                            []responseRow
	Errors                                                               string

	// Iter is the iterator of a paginated operation ("" without one).
	Iter   string
	Stream string // the streaming variant, "" when none
}

type valueRow struct{ GoName, Value string }

type modelView struct {
	Name, Description, GoType, Kind, Schema, Discriminator string
	Fields                                                 []fieldRow
	Values                                                 []valueRow
	Variants                                               []fieldRow
}

// parsedTemplates parses the embedded templates once per process; the
// result is never modified (ExecuteTemplate only reads it).
var parsedTemplates = sync.OnceValues(func() (*template.Template, error) {
	return template.ParseFS(templates.FS, "*.md.tmpl")
})

// docs renders every markdown page.
func (g *gen) docs() ([]File, error) {
	tmpl, err := parsedTemplates()
	if err != nil {
		return nil, err
	}
	var out []File
	exec := func(name, file string, view any) error {
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, name, view); err != nil {
			return fmt.Errorf("rendering %s: %w", file, err)
		}
		out = append(out, File{Path: file, Data: buf.Bytes()})
		return nil
	}
	services := g.serviceViews()
	for i, svc := range g.api.Services {
		if err := exec("service.md.tmpl", "docs/"+svc.DocDir+"/README.md", services[i]); err != nil {
			return nil, err
		}
		for _, op := range svc.Operations {
			if err := exec("operation.md.tmpl", "docs/models/"+op.DocPage, g.operationView(svc, op)); err != nil {
				return nil, err
			}
		}
	}
	var models []modelLink
	for _, t := range g.api.Types {
		if g.operationOf(t) != nil {
			continue
		}
		page := t.DocPage
		models = append(models, modelLink{Name: t.Pkg + "." + t.Name, Page: page, Summary: cell(firstSentence(t.Description))})
		if err := exec("model.md.tmpl", "docs/models/"+page, g.modelView(t)); err != nil {
			return nil, err
		}
	}
	usage, tuned := "", ""
	if len(g.api.Services) > 0 && len(g.api.Services[0].Operations) > 0 {
		usage = services[0].Ops[0].Snippet
		tuned = g.TunedSnippet(g.api.Services[0], g.api.Services[0].Operations[0])
	}
	rv := readmeView{Module: g.opts.Module, Title: g.api.Title, Version: g.api.Version, Usage: usage, Tuned: tuned, Services: services, Models: models, Webhooks: g.webhookRows(),
		Uploads: usesFiles(g.api), Choices: choiceExample(g.api)}
	if err := exec("readme.md.tmpl", "README.md", rv); err != nil {
		return nil, err
	}
	if err := exec("usage.md.tmpl", "USAGE.md", rv); err != nil {
		return nil, err
	}
	return out, nil
}

func (g *gen) serviceViews() []serviceView {
	out := make([]serviceView, 0, len(g.api.Services))
	for _, svc := range g.api.Services {
		sv := serviceView{Name: svc.GoName, Description: svc.Description, Dir: svc.DocDir}
		for _, op := range svc.Operations {
			ov := opView{
				Name: op.GoName, Anchor: strings.ToLower(op.GoName), Summary: oneLine(op.Summary),
				Description: op.Description, Snippet: g.Snippet(svc, op), Dir: svc.DocDir, Page: op.DocPage,
			}
			if p := op.Pagination; p != nil {
				ov.Iter, ov.IterSnippet = p.Method, g.IterSnippet(svc, op)
			}
			if op.Stream != nil {
				ov.Stream, ov.StreamSnippet = op.Stream.GoName, g.StreamSnippet(svc, op)
			}
			sv.Ops = append(sv.Ops, ov)
		}
		out = append(out, sv)
	}
	return out
}

func (g *gen) operationView(svc *model.Service, op *model.Operation) operationView {
	v := operationView{
		Name: op.GoName, Method: op.Method, Path: pathKey(op), Summary: oneLine(op.Summary),
		Service: svc.GoName, Dir: svc.DocDir, Anchor: strings.ToLower(op.GoName),
		Request: "operations." + op.Request.Name, Response: "operations." + op.Response.Name,
		Deprecated: op.Deprecated, Security: op.Security != nil,
	}
	if op.Pagination != nil {
		v.Iter = op.Pagination.Method
	}
	for i, b := range op.Bodies() {
		v.Fields = append(v.Fields, fieldRow{GoName: b.GoName, In: "body", Name: b.ContentType,
			Type: g.docType(model.GoTypeAt(b.Type, b.Presence)), Required: yesNo(b.Required && len(op.OtherBodies) == 0), Description: cell(bodyDoc(op, b, i == 0))})
	}
	for _, p := range op.Params {
		v.Fields = append(v.Fields, fieldRow{GoName: p.GoName, In: string(p.In), Name: p.Name,
			Type: g.docType(model.GoTypeAt(p.Type, p.Presence)), Required: yesNo(p.Required), Description: cell(p.Description)})
	}
	var sec *model.Type
	switch {
	case op.NoSecurity:
		v.SecurityText = "None: the operation is public."
	case op.Security != nil:
		sec = op.Security
		v.SecurityText = "Passed as the `security` argument, `operations." + op.Security.Name + "`."
	case g.api.SecurityType != nil:
		sec = g.api.SecurityType
		v.SecurityText = "The SDK's `WithSecurity(shared.Security{...})`."
	default:
		v.SecurityText = "None."
	}
	if sec != nil {
		for _, f := range sec.Fields {
			if f.Scheme == nil {
				continue
			}
			v.SecurityFields = append(v.SecurityFields, securityRow{GoName: f.GoName, Scheme: "`" + f.Scheme.Key + "`", SentAs: sentAs(f.Scheme)})
		}
	}
	var errs []string
	for _, r := range op.Responses {
		if r.IsError() {
			errs = append(errs, r.Status)
		}
		if len(r.Contents) == 0 {
			v.Responses = append(v.Responses, responseRow{Status: r.Status, ContentType: "-", Field: "-", Type: "-", Description: cell(r.Description)})
		}
		for _, c := range r.Contents {
			v.Responses = append(v.Responses, responseRow{Status: r.Status, ContentType: c.ContentType, Field: "`" + c.FieldName + "`",
				Type: g.docType(model.GoTypeAt(c.Type, c.Presence)), Description: cell(r.Description)})
		}
	}
	v.Errors = strings.Join(errs, ", ")
	if s := op.Stream; s != nil {
		v.Stream = "Streamed as `s." + svc.GoName + "." + s.GoName + "(ctx, request" + map[bool]string{true: ", security"}[op.Security != nil] +
			")`: the same request and response, asking for `" + s.Accept + "`"
		if s.Flag != nil {
			v.Stream += " and with the body's `" + s.Flag.Name + "` set to true"
		}
		v.Stream += "; the events are the response's `*sse.Stream` field, which the caller ranges over (`All`, `Events`) or reads (`Next`, `Current`, `Err`) and closes."
	}
	return v
}

func sentAs(s *model.SecurityScheme) string {
	switch s.Kind {
	case model.SchemeBasic:
		return "HTTP basic authentication"
	case model.SchemeBearer:
		return "`Authorization: Bearer <token>`"
	}
	return fmt.Sprintf("%s `%s`, verbatim", s.In, s.Name)
}

func (g *gen) modelView(t *model.Type) modelView {
	v := modelView{Name: t.Name, Description: t.Description, GoType: t.Pkg + "." + t.Name, Kind: t.Kind.String(),
		Schema: t.SchemaName, Discriminator: t.Discriminator}
	for _, f := range t.Fields {
		def := "-"
		if f.Default != nil {
			def = "`" + cell(model.ValueJSON(f.Default)) + "`"
		}
		desc := f.Description
		if f.ReadOnly {
			desc = strings.TrimSpace("Read-only. " + desc)
		}
		typ := g.docType(model.GoTypeAt(f.Type, f.Presence))
		name := f.Name
		if f.Kind == model.FieldExtra {
			name = "(other properties)"
		}
		v.Fields = append(v.Fields, fieldRow{GoName: f.GoName, Name: name, Type: typ,
			Required: yesNo(!f.Optional), Default: def, Description: cell(desc)})
	}
	for _, ev := range t.Values {
		v.Values = append(v.Values, valueRow{GoName: ev.GoName, Value: cell(ev.Value)})
	}
	for _, vr := range t.Variants {
		v.Variants = append(v.Variants, fieldRow{GoName: vr.GoName, Type: g.docType(model.GoTypeOf(vr.Type))})
	}
	return v
}

// docType spells a Go type for a table of a page under docs/models,
// linking declared models.
func (g *gen) docType(e model.GoType) string { return g.docTypeFrom(e, "..") }

// docTypeFrom is docType for a page whose way to docs/models is base.
func (g *gen) docTypeFrom(e model.GoType, base string) string {
	switch e.Op {
	case model.GoNamed:
		if e.Type != nil {
			return "[" + e.Pkg + "." + e.Name + "](" + path.Join(base, e.Type.DocPage) + ")"
		}
		return path.Base(e.Import) + "." + e.Name
	case model.GoSlice:
		return "\\[\\]" + g.docTypeFrom(*e.Elem, base)
	case model.GoMap:
		return "map[string]" + g.docTypeFrom(*e.Elem, base)
	case model.GoPointer:
		return "\\*" + g.docTypeFrom(*e.Elem, base)
	case model.GoNullable:
		return "types.Nullable\\[" + g.docTypeFrom(*e.Elem, base) + "\\]"
	case model.GoEvents:
		return "\\*sse.Stream\\[" + g.docTypeFrom(*e.Elem, base) + "\\]"
	case model.GoFile:
		return "types.File"
	}
	return e.Name
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// cell makes text safe inside a markdown table cell: one line, pipes escaped.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", "\\|")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstSentence(s string) string {
	s = oneLine(s)
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// pathKey is the operation's path as the spec writes it, with its fixed
// query.
func pathKey(op *model.Operation) string {
	if op.Query != "" {
		return op.Path + "?" + op.Query
	}
	return op.Path
}

// webhookRows list the webhooks for the README: each payload's Go type,
// linked from the README's folder.
func (g *gen) webhookRows() []webhookRow {
	var rows []webhookRow
	for _, w := range g.api.Webhooks {
		payload := "none"
		if w.Payload != nil {
			payload = g.docTypeFrom(model.GoTypeAt(w.Payload, model.Direct), "docs/models")
		}
		rows = append(rows, webhookRow{Name: w.Name, Method: w.Method, Summary: cell(oneLine(w.Summary)), ContentType: w.ContentType, Payload: payload})
	}
	return rows
}

// choiceExample names the body fields of the first operation that takes
// several media types ("`Pet` (application/json), `PetForm` (...)"), or "".
func choiceExample(api *model.API) string {
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			if len(op.OtherBodies) == 0 {
				continue
			}
			var names []string
			for _, b := range op.Bodies() {
				names = append(names, "`"+b.GoName+"` ("+b.ContentType+")")
			}
			return "`operations." + op.Request.Name + "` has " + strings.Join(names, ", ")
		}
	}
	return ""
}
