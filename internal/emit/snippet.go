package emit

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/oasgo/gen/internal/model"
)

// The snippet printer writes the Go programs of the docs. It is not gofmt
// (nor jennifer): the reference pages indent with four spaces and do not
// align keyed values, and gofmt would. Every value it prints comes from
// Operation.Example, which the model chose; strings are Go-quoted.

// snippet accumulates one program's body and the imports it needs.
type snippet struct {
	g       *gen
	imports map[string]bool
}

const indentUnit = "    "

func ind(n int) string { return strings.Repeat(indentUnit, n) }

// Snippet is the complete example program for op.
func (g *gen) Snippet(svc *model.Service, op *model.Operation) string {
	return g.snippet(svc, op, false, nil)
}

// TunedSnippet is the example program for op with the SDK's options for
// retries, timeouts and hooks, and per-call options (the README's
// section on them).
func (g *gen) TunedSnippet(svc *model.Service, op *model.Operation) string {
	return g.snippet(svc, op, true, nil)
}

// sdkTuning are the options of the tuned program's sdk.New: a retry
// policy, a timeout, a hook that adds a header and one that logs latency.
func (sn *snippet) sdkTuning() []string {
	r := sn.root()
	for _, p := range []string{"net/http", "time", sn.g.retryPath(), sn.g.hooksPath()} {
		sn.imports[p] = true
	}
	return []string{
		r + ".WithRetryConfig(retry.Config{\n" +
			ind(3) + "Strategy: \"backoff\",\n" +
			ind(3) + "Backoff: &retry.BackoffStrategy{\n" +
			ind(4) + "InitialInterval: 500,\n" + ind(4) + "MaxInterval: 30000,\n" + ind(4) + "Exponent: 1.5,\n" + ind(4) + "MaxElapsedTime: 60000,\n" +
			ind(3) + "},\n" +
			ind(3) + "RetryConnectionErrors: true,\n" +
			ind(2) + "})",
		r + ".WithTimeout(30 * time.Second)",
		"// A header on every attempt.\n" + ind(2) +
			r + ".WithBeforeRequest(hooks.BeforeRequestFunc(func(hc hooks.Context, req *http.Request) (*http.Request, error) {\n" +
			ind(3) + "req.Header.Set(\"X-Request-Source\", \"docs-example\")\n" +
			ind(3) + "return req, nil\n" +
			ind(2) + "}))",
		"// The latency of each attempt.\n" + ind(2) +
			r + ".WithAfterSuccess(hooks.AfterSuccessFunc(func(hc hooks.Context, res *http.Response) (*http.Response, error) {\n" +
			ind(3) + "log.Printf(\"%s attempt %d: %s in %v\", hc.OperationID, hc.Attempt, res.Status, time.Since(hc.Start))\n" +
			ind(3) + "return res, nil\n" +
			ind(2) + "}))",
	}
}

func (g *gen) snippet(svc *model.Service, op *model.Operation, tuned bool, v *model.StreamVariant) string {
	name := op.GoName
	if v != nil {
		name = v.GoName
	}
	sn := &snippet{g: g, imports: map[string]bool{"context": true, "log": true, g.opts.Module: true}}
	var b strings.Builder
	b.WriteString("func main() {\n")
	if tuned {
		opts := sn.sdkTuning()
		if op.Security == nil && !op.NoSecurity && g.api.SecurityType != nil {
			opts = append([]string{sn.root() + ".WithSecurity(" + sn.security(g.api.SecurityType, 2) + ")"}, opts...)
		}
		b.WriteString(ind(1) + "s := " + sn.root() + ".New(\n" + ind(2) + strings.Join(opts, ",\n"+ind(2)) + ",\n" + ind(1) + ")\n\n")
	} else {
		b.WriteString(ind(1) + "s := " + sn.newSDK(op) + "\n\n")
	}
	b.WriteString(ind(1) + "ctx := context.Background()\n")
	b.WriteString(ind(1) + "res, err := s." + svc.GoName + "." + name + "(ctx, " + sn.request(op))
	if op.Security != nil {
		b.WriteString(", " + sn.security(op.Security, 1))
	}
	if tuned {
		sn.imports[g.operationsPath()] = true
		b.WriteString(",\n" + ind(2) + "// Options of this call only.\n" +
			ind(2) + "operations.WithOperationTimeout(10 * time.Second),\n" +
			ind(2) + "operations.WithSetHeaders(map[string]string{\"X-Request-Source\": \"docs-example-call\"}),\n" +
			ind(2) + "operations.WithRetries(retry.Config{Strategy: \"none\"}),\n" + ind(1))
	}
	b.WriteString(")\n")
	b.WriteString(ind(1) + "if err != nil {\n" + ind(2) + "log.Fatal(err)\n" + ind(1) + "}\n\n")
	if events := successEvents(op, v); events != nil {
		b.WriteString(sn.rangeEvents(events))
	} else {
		b.WriteString(ind(1) + "if " + sn.successCheck(op) + " {\n" + ind(2) + "// handle response\n" + ind(1) + "}\n")
	}
	b.WriteString("}\n")

	var head strings.Builder
	head.WriteString("package main\n\nimport(\n")
	paths := make([]string, 0, len(sn.imports))
	for p := range sn.imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		head.WriteString("\t" + strconv.Quote(p) + "\n")
	}
	head.WriteString(")\n\n")
	return head.String() + b.String()
}

// root is the name of the SDK's root package (-package, "sdk").
func (sn *snippet) root() string { return sn.g.opts.Package }

// newSDK is sdk.New(), with the global security when the operation uses it.
func (sn *snippet) newSDK(op *model.Operation) string {
	api := sn.g.api
	if op.Security != nil || op.NoSecurity || api.SecurityType == nil {
		return sn.root() + ".New()"
	}
	return sn.root() + ".New(\n" + ind(2) + sn.root() + ".WithSecurity(" + sn.security(api.SecurityType, 2) + "),\n" + ind(1) + ")"
}

// security fills a security struct with placeholders: every field for a
// single requirement; for alternatives, the fields of the first one.
func (sn *snippet) security(t *model.Type, level int) string {
	fields := t.Fields
	first := map[string]bool{}
	optional := len(fields) > 0 && fields[0].Optional
	if optional {
		if op := sn.g.operationOf(t); op != nil && len(op.Requires) > 0 {
			for _, s := range op.Requires[0] {
				first[s.GoName] = true
			}
		} else if len(sn.g.api.Security) > 0 {
			for _, s := range sn.g.api.Security[0] {
				first[s.GoName] = true
			}
		}
	}
	var b strings.Builder
	b.WriteString(sn.typeName(t) + "{\n")
	for _, f := range fields {
		if optional && !first[f.GoName] {
			continue
		}
		var v string
		switch {
		case f.Scheme != nil && f.Scheme.Kind == model.SchemeBasic:
			v = sn.typeName(f.Type) + "{\n" +
				ind(level+2) + "Password: " + strconv.Quote(model.SecurityPlaceholder("Password")) + ",\n" +
				ind(level+2) + "Username: " + strconv.Quote(model.SecurityPlaceholder("Username")) + ",\n" +
				ind(level+1) + "}"
			if f.Optional {
				v = "&" + v
			}
		case f.Optional:
			v = sn.root() + ".String(" + strconv.Quote(model.SecurityPlaceholder(f.GoName)) + ")"
		default:
			v = strconv.Quote(model.SecurityPlaceholder(f.GoName))
		}
		b.WriteString(ind(level+1) + f.GoName + ": " + v + ",\n")
	}
	b.WriteString(ind(level) + "}")
	return b.String()
}

// request is the request struct literal: body first, then parameters.
func (sn *snippet) request(op *model.Operation) string {
	ex := op.Example
	var lines []string
	if op.Body != nil && ex != nil && ex.Body != nil {
		lines = append(lines, ind(2)+op.Body.GoName+": "+sn.value(op.Body.Type, ex.Body, op.Body.Presence == model.Pointer, 2)+",")
	}
	for i, p := range op.Params {
		if ex == nil || i >= len(ex.Params) || ex.Params[i] == nil {
			continue
		}
		lines = append(lines, ind(2)+p.GoName+": "+sn.value(p.Type, ex.Params[i], p.Presence == model.Pointer, 2)+",")
	}
	name := sn.typeName(op.Request)
	if len(lines) == 0 {
		return name + "{}"
	}
	return name + "{\n" + strings.Join(lines, "\n") + "\n" + ind(1) + "}"
}

// successCheck is the condition of the closing "handle response" block:
// the first success body field, else the first documented success status.
func (sn *snippet) successCheck(op *model.Operation) string {
	for _, r := range op.Responses {
		if r.IsError() {
			continue
		}
		for _, c := range r.Contents {
			return "res." + c.FieldName + " != nil"
		}
	}
	for _, r := range op.Responses {
		if !r.IsError() && !r.Range {
			return "res.StatusCode == " + strconv.Itoa(r.Code)
		}
	}
	return "res.StatusCode < 400"
}

// typeName spells t as the snippet writes it, recording imports.
func (sn *snippet) typeName(t *model.Type) string { return sn.spell(model.GoTypeOf(t)) }

// spell prints a Go type expression (model.GoType.String), recording the
// imports it needs.
func (sn *snippet) spell(e model.GoType) string {
	e.Each(func(x model.GoType) {
		switch x.Op {
		case model.GoNamed:
			if x.Import != "" {
				sn.imports[x.Import] = true
			} else {
				sn.imports[sn.g.pkgPath(x.Pkg)] = true
			}
		case model.GoNullable:
			sn.imports[sn.g.typesPath()] = true
		case model.GoEvents:
			sn.imports[sn.g.ssePath()] = true
		case model.GoFile:
			sn.imports[sn.g.typesPath()] = true
		}
	})
	return e.String()
}

// value prints v as a Go expression of type t (of *t when ptr), at
// indentation level (the line it starts on).
func (sn *snippet) value(t *model.Type, v *model.Value, ptr bool, level int) string {
	if v == nil || v.Kind == model.ValNull {
		return "nil"
	}
	switch t.Kind {
	case model.KindStruct:
		return amp(ptr) + sn.structLit(t, v, level)
	case model.KindUnion:
		return amp(ptr) + sn.unionLit(t, v, level)
	case model.KindArray:
		items := make([]string, 0, len(v.Items))
		for _, it := range v.Items {
			items = append(items, ind(level+1)+sn.value(t.Elem, it, t.ElemPresence() == model.Pointer, level+1)+",")
		}
		return block(sn.typeName(t)+"{", items, level)
	case model.KindMap:
		items := make([]string, 0, len(v.Keys))
		for i, k := range v.Keys {
			items = append(items, ind(level+1)+strconv.Quote(k)+": "+sn.value(t.Elem, v.Fields[i], t.ElemPresence() == model.Pointer, level+1)+",")
		}
		return block(sn.typeName(t)+"{", items, level)
	case model.KindAny:
		return sn.anyLit(v, level)
	case model.KindRaw:
		sn.imports["encoding/json"] = true
		return "json.RawMessage(" + strconv.Quote(model.ValueJSON(v)) + ")"
	case model.KindBytes:
		return "[]byte(" + strconv.Quote(v.String) + ")"
	case model.KindFile:
		// A file to upload: any io.Reader (an *os.File, ...) streams.
		sn.imports["strings"] = true
		return amp(ptr) + block(sn.typeName(t)+"{", []string{
			ind(level+1) + "Name:    \"example.bin\",",
			ind(level+1) + "Content: strings.NewReader(" + strconv.Quote(v.String) + "),",
		}, level)
	case model.KindEnum:
		lit := sn.enumLit(t, v)
		if ptr {
			return lit + ".ToPointer()"
		}
		return lit
	}
	lit, helper := sn.scalar(t, v)
	if ptr {
		return sn.root() + "." + helper + "(" + lit + ")"
	}
	return lit
}

func amp(ptr bool) string {
	if ptr {
		return "&"
	}
	return ""
}

// block prints open, one item per line, and the closing brace.
func block(open string, items []string, level int) string {
	if len(items) == 0 {
		return open + "}"
	}
	return open + "\n" + strings.Join(items, "\n") + "\n" + ind(level) + "}"
}

func (sn *snippet) structLit(t *model.Type, v *model.Value, level int) string {
	var items []string
	for _, f := range t.Fields {
		fv := v.Get(f.Name)
		if f.Kind == model.FieldExtra {
			fv = v.Extra
		}
		if fv == nil {
			continue
		}
		if f.Presence == model.Nullable {
			sn.imports[sn.g.typesPath()] = true
			typ := sn.typeName(f.Type)
			v := "types.Null[" + typ + "]()"
			if fv.Kind != model.ValNull {
				v = "types.NewNullable[" + typ + "](" + sn.value(f.Type, fv, false, level+1) + ")"
			}
			items = append(items, ind(level+1)+f.GoName+": "+v+",")
			continue
		}
		if fv.Kind == model.ValNull && f.Presence == model.Direct && !f.Type.NilAble() {
			continue
		}
		items = append(items, ind(level+1)+f.GoName+": "+sn.value(f.Type, fv, f.Presence == model.Pointer, level+1)+",")
	}
	return block(sn.typeName(t)+"{", items, level)
}

func (sn *snippet) unionLit(t *model.Type, v *model.Value, level int) string {
	idx := v.Variant - 1
	if idx < 0 {
		idx = model.PickVariant(t, v)
	}
	if idx < 0 || idx >= len(t.Variants) {
		return sn.typeName(t) + "{}"
	}
	inner := *v
	inner.Variant, inner.More = 0, nil
	var lines []string
	for _, i := range append([]int{idx}, minus1(v.More)...) {
		vr := t.Variants[i]
		lines = append(lines, ind(level+1)+vr.GoName+": "+sn.value(vr.Type, &inner, vr.Presence == model.Pointer, level+1)+",")
	}
	return block(sn.typeName(t)+"{", lines, level)
}

func (sn *snippet) enumLit(t *model.Type, v *model.Value) string {
	text := model.ScalarText(v)
	sn.imports[sn.g.pkgPath(t.Pkg)] = true
	for _, ev := range t.Values {
		if ev.Value == text {
			return t.Pkg + "." + ev.GoName
		}
	}
	switch t.EnumBase {
	case model.KindInt, model.KindFloat:
		if v.Kind == model.ValNumber {
			return t.Pkg + "." + t.Name + "(" + text + ")"
		}
		return t.Pkg + "." + t.Name + "(0)"
	case model.KindBool:
		return t.Pkg + "." + t.Name + "(" + strconv.FormatBool(v.Kind == model.ValBool && v.Bool) + ")"
	}
	return t.Pkg + "." + t.Name + "(" + strconv.Quote(text) + ")"
}

// scalar returns the Go literal of a scalar and the sdk pointer helper for it.
func (sn *snippet) scalar(t *model.Type, v *model.Value) (lit, helper string) {
	switch t.Kind {
	case model.KindInt:
		return v.Number, "Int64"
	case model.KindFloat:
		n := v.Number
		if !strings.ContainsAny(n, ".eE") {
			n += ".0"
		}
		return n, "Float64"
	case model.KindBool:
		return strconv.FormatBool(v.Bool), "Bool"
	case model.KindTime:
		sn.imports["time"] = true
		tm, err := time.Parse(time.RFC3339Nano, v.String)
		if err != nil {
			tm = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		tm = tm.UTC()
		return "time.Date(" + strconv.Itoa(tm.Year()) + ", time." + tm.Month().String() + ", " + strconv.Itoa(tm.Day()) + ", " +
			strconv.Itoa(tm.Hour()) + ", " + strconv.Itoa(tm.Minute()) + ", " + strconv.Itoa(tm.Second()) + ", " +
			strconv.Itoa(tm.Nanosecond()) + ", time.UTC)", "Time"
	}
	return strconv.Quote(v.String), "String"
}

// anyLit prints a JSON value held by an interface{}.
func (sn *snippet) anyLit(v *model.Value, level int) string {
	switch v.Kind {
	case model.ValNull:
		return "nil"
	case model.ValBool:
		return strconv.FormatBool(v.Bool)
	case model.ValNumber:
		if strings.ContainsAny(v.Number, ".eE") {
			return v.Number
		}
		return v.Number
	case model.ValString:
		return strconv.Quote(v.String)
	case model.ValArray:
		items := make([]string, 0, len(v.Items))
		for _, it := range v.Items {
			items = append(items, ind(level+1)+sn.anyLit(it, level+1)+",")
		}
		return block("[]interface{}{", items, level)
	}
	items := make([]string, 0, len(v.Keys))
	for i, k := range v.Keys {
		items = append(items, ind(level+1)+strconv.Quote(k)+": "+sn.anyLit(v.Fields[i], level+1)+",")
	}
	return block("map[string]interface{}{", items, level)
}

// minus1 turns 1-based variant numbers into indexes.
func minus1(ns []int) []int {
	out := make([]int, len(ns))
	for i, n := range ns {
		out[i] = n - 1
	}
	return out
}
