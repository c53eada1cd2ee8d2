package emit

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/rogpeppe/go-internal/diff"

	"github.com/oasgo/gen/internal/model"
	_ "github.com/oasgo/gen/internal/testflags"
)

func testGen(api *model.API) *gen {
	if api == nil {
		api = &model.API{}
	}
	return newGen(api, Options{Module: "openapi", Package: "sdk"})
}

// render formats code as a file of the root package would hold it, and
// returns what follows the package clause and imports.
func render(t *testing.T, code jen.Code) string {
	t.Helper()
	return renderIn(t, "openapi", "sdk", code)
}

func renderIn(t *testing.T, path, name string, code jen.Code) string {
	t.Helper()
	f := testGen(nil).newFile(path, name)
	f.Add(code)
	var buf strings.Builder
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if i := strings.Index(out, "\n)\n"); i >= 0 && strings.Contains(out[:i], "import (") {
		out = out[i+3:]
	} else if i := strings.Index(out, "package "+name+"\n"); i >= 0 {
		out = out[i+len("package "+name+"\n"):]
	}
	return out
}

func check(t *testing.T, got, want string) {
	t.Helper()
	want = strings.TrimLeft(want, "\n")
	if strings.TrimSpace(got) != strings.TrimSpace(want) {
		if f := os.Getenv("GEN_DUMP_GOT"); f != "" {
			os.WriteFile(f, []byte(got), 0o644)
		}
		t.Errorf("emitted code differs:\n%s", diff.Diff("want", []byte(want), "got", []byte(got)))
	}
}

func TestEmitEnum(t *testing.T) {
	enum := &model.Type{Kind: model.KindEnum, Name: "ColorEnum", Pkg: model.PkgShared, EnumBase: model.KindString,
		Description: "A colour.\n*/ func evil() {}",
		Values:      []*model.EnumValue{{Value: "red", GoName: "ColorEnumRed"}, {Value: "dark-blue", GoName: "ColorEnumDarkBlue"}}}
	check(t, renderIn(t, "openapi/pkg/models/shared", "shared", testGen(nil).emitEnum(enum)), `
// ColorEnum - A colour.
// */ func evil() {}
type ColorEnum string

const (
	ColorEnumRed      ColorEnum = "red"
	ColorEnumDarkBlue ColorEnum = "dark-blue"
)

// ToPointer returns a pointer to a copy of e.
func (e ColorEnum) ToPointer() *ColorEnum {
	return &e
}

// IsKnown reports whether e is one of the values the API documented when this SDK was generated.
func (e ColorEnum) IsKnown() bool {
	switch e {
	case ColorEnumRed, ColorEnumDarkBlue:
		return true
	}
	return false
}

// UnmarshalJSON keeps values the API added after this SDK was generated; IsKnown reports them.
func (e *ColorEnum) UnmarshalJSON(data []byte) error {
	var v string
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("decoding ColorEnum: %w", err)
	}
	*e = ColorEnum(v)
	return nil
}
`)
}

func TestEmitStruct(t *testing.T) {
	str := &model.Type{Kind: model.KindString}
	boolean := &model.Type{Kind: model.KindBool}
	settings := &model.Type{Kind: model.KindStruct, Name: "Settings", Pkg: model.PkgShared, Description: "Display settings.",
		Fields: []*model.Field{
			{Name: "name", GoName: "Name", Getter: "GetName", Type: str, Description: "Required name."},
			{Name: "show_logs", GoName: "ShowLogs", Getter: "GetShowLogs", Type: boolean, Optional: true, Default: &model.Value{Kind: model.ValBool, Bool: true}},
			{Name: "tags", GoName: "Tags", Getter: "GetTags", Type: &model.Type{Kind: model.KindArray, Elem: str}, Optional: true},
		}}
	model.DecidePresence(&model.API{Types: []*model.Type{settings}})
	check(t, renderIn(t, "openapi/pkg/models/shared", "shared", testGen(nil).emitStruct(settings)), `
// Settings - Display settings.
type Settings struct {
	// Required name.
	Name     string   `+"`json:\"name\"`"+`
	ShowLogs *bool    `+"`json:\"show_logs,omitempty\"`"+`
	Tags     []string `+"`json:\"tags,omitempty\"`"+`
}

func (o *Settings) GetName() string {
	if o == nil {
		return ""
	}
	return o.Name
}

func (o *Settings) GetShowLogs() bool {
	if o == nil || o.ShowLogs == nil {
		return true
	}
	return *o.ShowLogs
}

func (o *Settings) GetTags() []string {
	if o == nil {
		return nil
	}
	return o.Tags
}
`)
}

func TestEmitOperationMethod(t *testing.T) {
	str := &model.Type{Kind: model.KindString}
	thing := &model.Type{Kind: model.KindStruct, Name: "Thing", Pkg: model.PkgShared}
	scheme := &model.SecurityScheme{Key: "apiKey", GoName: "APIKey", Kind: model.SchemeAPIKey, In: model.InHeader, Name: "Authorization"}
	op := &model.Operation{ID: "thingsOne", GoName: "ThingsOne", Method: "GET", Path: "/things/{id}", Summary: "Get thing",
		Params: []*model.Param{
			{Name: "id", In: model.InPath, GoName: "ID", Required: true, Wire: model.Wire{Style: model.StyleSimple}, Type: str},
			{Name: "limit", In: model.InQuery, GoName: "Limit", Wire: model.Wire{Style: model.StyleForm, Explode: true}, Presence: model.Pointer, Type: &model.Type{Kind: model.KindInt}},
		},
		Request:  &model.Type{Kind: model.KindStruct, Name: "ThingsOneRequest", Pkg: model.PkgOperations},
		Response: &model.Type{Kind: model.KindStruct, Name: "ThingsOneResponse", Pkg: model.PkgOperations},
		Security: &model.Type{Kind: model.KindStruct, Name: "ThingsOneSecurity", Pkg: model.PkgOperations,
			Fields: []*model.Field{{GoName: "APIKey", Type: str, Scheme: scheme}}},
		Accept: "application/json",
	}
	rc := &model.ResponseContent{ContentType: "application/json", FieldName: "Thing", Type: thing, JSON: true, Presence: model.Pointer}
	op.Responses = []*model.Response{{Status: "200", Code: 200, Contents: []*model.ResponseContent{rc}}}
	op.Results = []*model.ResponseContent{rc}
	svc := &model.Service{GoName: "Things", Operations: []*model.Operation{op}}
	check(t, render(t, testGen(nil).emitOperationMethod(svc, op)), `
// ThingsOne - Get thing
func (s *Things) ThingsOne(ctx context.Context, request operations.ThingsOneRequest, security operations.ThingsOneSecurity, opts ...operations.Option) (*operations.ThingsOneResponse, error) {
	const op = "thingsOne"
	o := s.cfg.Resolve(opts)
	reqURL := strings.TrimSuffix(o.ServerURL, "/") + "/things/" + params.Path(params.Simple, false, "id", params.String(request.ID))
	var body io.Reader
	req, err := http.NewRequestWithContext(ctx, "GET", reqURL, body)
	if err != nil {
		return nil, fmt.Errorf("%s: building request: %w", op, err)
	}
	req.Header.Set("Accept", "application/json")
	var query params.Query
	if request.Limit != nil {
		query.Add(params.Form, true, false, "limit", params.Int(*request.Limit))
	}
	if security.APIKey != "" {
		req.Header.Set("Authorization", security.APIKey)
	}
	req.URL.RawQuery = query.Encode()
	httpRes, err := s.cfg.Send(req, client.Call{Operation: op}, o)
	if err != nil {
		return nil, err
	}
	defer httpRes.Body.Close()
	res := &operations.ThingsOneResponse{StatusCode: httpRes.StatusCode, ContentType: httpRes.Header.Get("Content-Type"), RawResponse: httpRes}
	if httpRes.StatusCode >= 400 {
		return res, s.cfg.APIError(op, httpRes)
	}
	switch {
	case httpRes.StatusCode == 200:
		if res.Thing, err = client.DecodeJSON[shared.Thing](&s.cfg.Config, httpRes, "application/json"); err != nil {
			return res, fmt.Errorf("%s: %w", op, err)
		}
	}
	return res, nil
}
`)
}

// A description can never leave its comment: every line is a // comment.
func TestDocLinesCannotInject(t *testing.T) {
	for _, text := range []string{"a */ b", "x\n}\nfunc init() { panic(1) }", "/* open", "// c\r\nd\u2028e", "nul\x00byte"} {
		f := jen.NewFile("p")
		f.Add(withDoc(docLines("T", text), jen.Type().Id("T").Int()))
		got := fmt.Sprintf("%#v", f)
		for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
			if line == "" || strings.HasPrefix(line, "//") || strings.HasPrefix(line, "package ") || strings.HasPrefix(line, "type T int") {
				continue
			}
			t.Errorf("text %q escaped its comment: line %q in\n%s", text, line, got)
		}
	}
}
