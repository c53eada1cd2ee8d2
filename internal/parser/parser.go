// Package parser loads an OpenAPI document with kin-openapi and lowers it to
// internal/model. It is the only package that imports kin-openapi.
package parser

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/model"
)

// Options tune the lowering.
type Options struct {
	// IgnoreNameOverrides ignores x-speakeasy-name-override, keeping names
	// derived from the spec's own identifiers.
	IgnoreNameOverrides bool
	// AllowExternalRefs lets $ref point at other files next to the spec.
	AllowExternalRefs bool
	// Include and Exclude select the operations generated (gen.yaml): with
	// Include set, only those it matches; never those Exclude matches.
	// Each one left out is listed in API.Ignored.
	Include, Exclude OperationFilter
	// Names are the naming decisions of a previous run (its API.Names, kept
	// in gen-manifest.json): each is honoured where its location still
	// exists and still wants that name, so an existing identifier keeps its
	// name and a newcomer colliding with it is the one suffixed. nil: none.
	Names *model.Names
	// Rename names afresh, as if Names were nil; the names that differ
	// from Names are listed in API.Renames (-rename).
	Rename bool
}

// OperationFilter matches operations by tag or by operationId.
type OperationFilter struct {
	Tags       []string
	Operations []string
	// Pos locates the entries ("tag Admin", "operation getX") in the
	// configuration, for the warning about one that matches nothing.
	Pos map[string]model.Pos
}

// entries lists f's entries as match names them, tags first.
func (f OperationFilter) entries() []string {
	var out []string
	for _, t := range f.Tags {
		out = append(out, "tag "+t)
	}
	for _, o := range f.Operations {
		out = append(out, "operation "+o)
	}
	return out
}

func (f OperationFilter) empty() bool { return len(f.Tags) == 0 && len(f.Operations) == 0 }

// match says which entry of f matches an operation ("" for none).
func (f OperationFilter) match(id string, tags []string) string {
	if slices.Contains(f.Operations, id) && id != "" {
		return "operation " + id
	}
	for _, t := range tags {
		if slices.Contains(f.Tags, t) {
			return "tag " + t
		}
	}
	return ""
}

// Error is a bad spec: one or more located diagnostics.
type Error struct {
	Diags []model.Diagnostic
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Diags))
	for i, d := range e.Diags {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// LoadFile reads, validates and lowers the spec at path. display is the name
// used in positions (usually the path as the user typed it).
func LoadFile(path string, opts Options) (*model.API, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Load(path, data, opts)
}

// ReadFile reads a spec, refusing one over MaxDocBytes before reading it.
func ReadFile(path string) ([]byte, error) {
	if info, err := os.Stat(path); err == nil && info.Size() > MaxDocBytes {
		return nil, &Error{Diags: []model.Diagnostic{{Pos: model.Pos{File: path, Line: 1, Col: 1},
			Message: fmt.Sprintf("the document is %d MiB; gen reads documents of up to %d MiB", info.Size()>>20, MaxDocBytes>>20)}}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Diags: []model.Diagnostic{{Pos: model.Pos{File: path}, Message: err.Error()}}}
	}
	return data, nil
}

// Load validates and lowers a spec whose bytes are data; name is the file
// name used in positions and to resolve relative external references.
func Load(name string, data []byte, opts Options) (*model.API, error) {
	return LoadThen(name, data, opts, nil)
}

// LoadThen is Load, and then(api) (the emission, say) run while kin-openapi
// still validates the document: lowering and emitting do not wait for the
// verdict, which still decides. When validation fails, the lowering and
// then's result are dropped and the located validation errors returned.
//
// Positions cost: kin-openapi's origin tracking makes its load about 40%
// slower. The fast path loads without it (operations are still placed, from
// the YAML tree parsed beside the load); when anything is to be reported (an
// error or a warning), the spec is loaded again with origins, so every
// message points at its element.
func LoadThen(name string, data []byte, opts Options, then func(*model.API) error) (*model.API, error) {
	if err := checkWords(name, data); err != nil {
		return nil, err
	}
	t := startTree(name, data)
	api, err := loadFast(name, data, opts, t, then)
	if err == errReport {
		api, err = load(name, data, opts, t, true)
		if err == nil && then != nil {
			err = then(api)
		}
	}
	return api, err
}

// errReport says the fast path met something to report with positions.
var errReport = errors.New("report with positions")

func loadFast(name string, data []byte, opts Options, t *tree, then func(*model.API) error) (api *model.API, err error) {
	doc, err := loadDoc(name, data, opts, false, t)
	if le := t.treeErr; err != nil && le != nil && err == error(le) {
		return nil, le // over a limit: no second load
	}
	if err != nil || checkVersion(name, doc, t) != nil {
		return nil, errReport
	}
	repairs := repairDoc(doc)
	verdict := make(chan error, 1)
	go func() {
		defer func() {
			// A panic in kin-openapi's validation: the second load meets
			// it again, where it is recovered and reported.
			if r := recover(); r != nil {
				verdict <- errReport
			}
		}()
		verdict <- doc.Validate(context.Background(), validationOptions...)
	}()
	api, err = safeBuild(doc, name, opts, t, repairs, sync.OnceValue(func() map[any]*openapi3.Origin { return originTable(doc, t.wait().root) }))
	if err == nil && then != nil {
		err = then(api)
	}
	verr := <-verdict
	var specErr *Error
	switch {
	case verr != nil:
		return nil, errReport // located by the second load
	case err != nil && (api == nil || errors.As(err, &specErr)):
		return nil, errReport // a lowering error, located by the second load
	case err != nil:
		return nil, err // then failed for a reason of its own
	}
	return api, nil
}

// safeBuild lowers a document that validation may yet reject: a panic on a
// shape the validator would have refused is an error, not a crash.
func safeBuild(doc *openapi3.T, name string, opts Options, t *tree, repairs []repair, origins func() map[any]*openapi3.Origin) (api *model.API, err error) {
	defer func() {
		if r := recover(); r != nil {
			// The second load (with origins) lowers again and reports.
			api, err = nil, errReport
		}
	}()
	return lower(doc, name, opts, t, repairs, origins, nil)
}

// lower builds the model, again when the naming says so (model.Naming.Retry:
// a previous name was kept from a claimer for a location that turned out
// not to want it). cur, when not nil, is set to the builder at work (for
// the position of an internal error).
func lower(doc *openapi3.T, name string, opts Options, t *tree, repairs []repair, origins func() map[any]*openapi3.Origin, cur **builder) (*model.API, error) {
	naming := model.NewNaming(opts.Names, opts.Rename)
	for {
		b := newBuilder(doc, name, opts, naming)
		if cur != nil {
			*cur = b
		}
		b.tree = t
		b.origins = origins
		b.repairs = repairs
		api, err := b.build()
		if err != nil || !naming.Retry() {
			return api, err
		}
	}
}

func load(name string, data []byte, opts Options, t *tree, origins bool) (api *model.API, err error) {
	doc, err := loadDoc(name, data, opts, origins, t)
	if err != nil {
		if verr := checkVersion(name, doc, t); verr != nil {
			return nil, verr
		}
		return nil, err
	}
	if err := checkVersion(name, doc, t); err != nil {
		return nil, err
	}
	repairs := repairDoc(doc)
	defer func() {
		if r := recover(); r != nil {
			api, err = nil, &InternalError{Pos: model.Pos{File: name}, Value: r, Stack: debug.Stack()}
		}
	}()
	if err := doc.Validate(context.Background(), validationOptions...); err != nil {
		return nil, &Error{Diags: locateValidation(name, doc, t.wait().root, err)}
	}
	var b *builder
	defer func() {
		if r := recover(); r != nil {
			var where model.Pos
			if b != nil {
				where = b.where
			}
			api, err = nil, &InternalError{Pos: where, Value: r, Stack: debug.Stack()}
		}
	}()
	return lower(doc, name, opts, t, repairs, nil, &b)
}

// InternalError is a bug of gen met while generating (a panic), not a
// problem of the spec: Pos is the element of the spec being lowered.
type InternalError struct {
	Pos   model.Pos
	Value any
	Stack []byte
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error while lowering %s: %v", e.Pos, e.Value)
}

// checkVersion refuses what gen does not read, saying what it is: a
// Swagger 2.0 document (and how to convert it), or an OpenAPI version other
// than 3.0.x and 3.1.x. doc may be nil (the load failed).
func checkVersion(name string, doc *openapi3.T, t *tree) error {
	if doc != nil && supportedVersion(doc.OpenAPI) {
		return nil // the common case: no need to wait for the YAML tree
	}
	root := t.wait().root
	if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	at := func(key string) model.Pos {
		if k := keyOf(root, key); k != nil {
			return model.Pos{File: name, Line: k.Line, Col: k.Column}
		}
		return model.Pos{File: name, Line: 1, Col: 1}
	}
	if sw := child(root, "swagger"); sw != nil && child(root, "openapi") == nil {
		return &Error{Diags: []model.Diagnostic{{Pos: at("swagger"), Message: fmt.Sprintf(
			"this is a Swagger %s document; gen reads OpenAPI 3.0 and 3.1: convert it first (for example with swagger2openapi, or kin-openapi's openapi2conv package)", sw.Value)}}}
	}
	if sw := child(root, "swaggerVersion"); sw != nil && child(root, "openapi") == nil {
		// Swagger 1.x names its version swaggerVersion; the converters
		// for 2.0 do not read it.
		return &Error{Diags: []model.Diagnostic{{Pos: at("swaggerVersion"), Message: fmt.Sprintf(
			"this is a Swagger %s document; gen reads OpenAPI 3.0 and 3.1: convert it first (for example with api-spec-converter)", sw.Value)}}}
	}
	if doc == nil || doc.OpenAPI == "" {
		return nil // the validation says what is missing
	}
	return &Error{Diags: []model.Diagnostic{{Pos: at("openapi"), Message: fmt.Sprintf(
		"OpenAPI %s is not supported: gen reads OpenAPI 3.0.x and 3.1.x", doc.OpenAPI)}}}
}

// supportedVersion reports whether v is 3.0.x or 3.1.x.
func supportedVersion(v string) bool {
	major, minor, _ := strings.Cut(v, ".")
	minor, _, _ = strings.Cut(minor, ".")
	return major == "3" && (minor == "0" || minor == "1")
}

// loadOnly loads (and resolves) the document without validating it.
func loadOnly(name string, data []byte, opts Options, origins bool) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = origins
	loader.IsExternalRefsAllowed = opts.AllowExternalRefs
	loader.Context = context.Background()
	abs, _ := filepath.Abs(name)
	doc, err := loader.LoadFromDataWithPath(data, pathURL(abs))
	if err != nil {
		return nil, &Error{Diags: []model.Diagnostic{locateLoadError(name, data, err)}}
	}
	return doc, nil
}

// validationOptions: kin-openapi validates the document's structure; an
// example or default that does not match its schema is not an error but a
// warning of gen's own (values.go), and the value is left out.
var validationOptions = []openapi3.ValidationOption{
	openapi3.EnableMultiError(),
	openapi3.DisableExamplesValidation(),
	openapi3.DisableSchemaDefaultsValidation(),
}

// builder holds the state of one lowering. Nothing here is package-level, so
// concurrent loads are independent.
type builder struct {
	doc  *openapi3.T
	file string
	opts Options
	api  *model.API
	// fileType is the one types.File of the API; multiparts are the
	// multipart bodies whose parts lowerMultiparts decides (multipart.go).
	fileType   *model.Type
	multiparts []pendingMultipart

	naming     *model.Naming // previous decisions, this build's
	shared     *model.Namer  // package shared
	root       *model.Namer  // the SDK's root package (services, server options)
	operations *model.Namer  // package operations

	components map[string]*model.Type // component schema key -> type
	lowering   map[string]bool        // component keys being lowered (recursion guard)
	schemes    map[string]*model.SecurityScheme

	diags []model.Diagnostic

	claimed  map[string]string                // component key -> its Go name, claimed first
	inline   map[*openapi3.Schema]*model.Type // declared inline types, by schema
	inputs   map[*model.Type]*model.Type      // request twins without readOnly fields
	readOnly map[*model.Type]bool             // memo of hasReadOnly

	where   model.Pos          // the element being lowered, for an internal error
	methods map[string]opClaim // Go method names of the operations, by first claimer
	sameAs  map[any]any        // elements made by the 3.1 reading -> where they are written
	// debugPanic is GEN_DEBUG_PANIC, an operationId whose lowering panics:
	// a test hook for the path of an internal error.
	debugPanic string
	tree       *tree           // the spec as YAML nodes: example key order, operation positions
	warned     map[string]bool // diagnostics recorded, by warningKey and errorKey
	repairs    []repair        // the lenient repairs made to the document
	// origins is, on the fast path (no kin-openapi origins), the table of
	// the Origin records read from tree (see originTable), built on first use.
	origins func() map[any]*openapi3.Origin
}

func newBuilder(doc *openapi3.T, file string, opts Options, naming *model.Naming) *builder {
	return &builder{
		doc:        doc,
		file:       file,
		opts:       opts,
		api:        &model.API{},
		naming:     naming,
		shared:     naming.Namer(model.ScopeShared, true, "Security"),
		root:       naming.Namer(model.ScopeRoot, true, model.RootNames...),
		operations: naming.Namer(model.ScopeOperations, true, model.OperationsNames...),
		components: map[string]*model.Type{},
		lowering:   map[string]bool{},
		schemes:    map[string]*model.SecurityScheme{},
		inputs:     map[*model.Type]*model.Type{},
		inline:     map[*openapi3.Schema]*model.Type{},
		claimed:    map[string]string{},
		readOnly:   map[*model.Type]bool{},
		warned:     map[string]bool{},
		methods:    map[string]opClaim{},
		sameAs:     map[any]any{},
		debugPanic: os.Getenv("GEN_DEBUG_PANIC"),
	}
}

func (b *builder) build() (*model.API, error) {
	doc := b.doc
	api := b.api
	if doc.Info != nil {
		api.Title = doc.Info.Title
		api.Version = doc.Info.Version
		api.Description = doc.Info.Description
	}
	for _, r := range b.repairs {
		if r.sameAs != nil {
			b.sameAs[r.elem] = r.sameAs
			continue
		}
		var o *openapi3.Origin
		switch e := r.elem.(type) {
		case *openapi3.Schema:
			o = b.at(e, e.Origin)
		case *openapi3.ServerVariable:
			o = b.at(e, e.Origin)
		case *openapi3.RequestBody:
			o = b.at(e, e.Origin)
		case *openapi3.Response:
			o = b.at(e, e.Origin)
		case *openapi3.Parameter:
			o = b.at(e, e.Origin)
		}
		b.warnf(r.kind, b.fieldPos(o, r.key), "%s", r.message)
	}
	b.lowerSchemes()
	b.lowerComponents()
	b.lowerGlobalSecurity()
	b.lowerOperations()
	b.lowerWebhooks()
	b.lowerMultiparts()
	b.lowerServers()
	if len(b.diags) > 0 {
		sortDiags(b.diags)
		return nil, &Error{Diags: b.diags}
	}
	b.breakUnionCycles()
	api.Names, api.Renames = b.naming.Made(), b.naming.Renames()
	sortDiags(api.Warnings)
	model.DecidePresence(api)
	model.SortTypes(api.Types)
	model.AssignFiles(api)
	model.ChooseExamples(api)
	return api, nil
}

// lowerServers lists the servers and names their URL variables: an option
// each (WithServerRegion) and, for a variable with an enum, a string type
// with a constant per value, all in the root package's scope (claimed after
// the services, whose names stay put).
func (b *builder) lowerServers() {
	byName := map[string]*model.ServerVariable{}
	for i, s := range b.doc.Servers {
		if s == nil {
			continue
		}
		srv := model.Server{URL: s.URL, Description: s.Description, Defaults: map[string]string{}}
		for _, name := range sortedKeys(s.Variables) {
			v := s.Variables[name]
			if v == nil {
				continue
			}
			pos := b.pos(b.at(v, v.Origin))
			if !strings.Contains(s.URL, "{"+name+"}") {
				continue
			}
			def := v.Default
			if def == noDefault && len(v.Enum) == 0 {
				def = "" // repaired (lenient.go): no default
			}
			if len(v.Enum) > 0 && !slices.Contains(v.Enum, def) {
				b.errorf(pos, "server %d: variable %q: default %q is not one of its values %v", i+1, name, def, v.Enum)
			}
			srv.Defaults[name] = def
			if byName[name] != nil {
				continue
			}
			sv := &model.ServerVariable{Name: name, Default: def, Description: v.Description, Pos: pos, Loc: "#/servers/variables/" + seg(name)}
			byName[name] = sv
			b.api.ServerVariables = append(b.api.ServerVariables, sv)
			base := "Server" + model.Pascal(name)
			if len(v.Enum) > 0 {
				sv.TypeName = b.root.Claim(base, sv.Loc, pos)
				for _, val := range v.Enum {
					ev := &model.EnumValue{Value: val, Pos: pos, Loc: sv.Loc + "/enum/" + seg(val)}
					ev.GoName = b.root.Claim(sv.TypeName+model.EnumValueName(val), ev.Loc, pos)
					sv.Values = append(sv.Values, ev)
				}
			}
			sv.Option = b.root.Claim("With"+base, sv.Loc+"#option", pos)
		}
		b.api.Servers = append(b.api.Servers, srv)
	}
}

// breakUnionCycles leaves out each union alternative through which a union
// reaches itself by unions alone (A: oneOf [B, ...], B: oneOf [A, ...]): no
// value is added, and decoding would never end. Each is a warning.
func (b *builder) breakUnionCycles() {
	for _, t := range b.api.Types {
		if t.Kind != model.KindUnion {
			continue
		}
		kept := t.Variants[:0]
		for _, v := range t.Variants {
			if v.Type.Kind == model.KindUnion && unionReaches(v.Type, t, map[*model.Type]bool{}) {
				b.warnf("union-cycle", t.Pos, "%s: alternative %s leads back to %s through unions alone; it is left out", t.Name, v.GoName, t.Name)
				continue
			}
			kept = append(kept, v)
		}
		t.Variants = kept
	}
}

func unionReaches(from, target *model.Type, seen map[*model.Type]bool) bool {
	if from == target {
		return true
	}
	if seen[from] || from.Kind != model.KindUnion {
		return false
	}
	seen[from] = true
	for _, v := range from.Variants {
		if unionReaches(v.Type, target, seen) {
			return true
		}
	}
	return false
}

// errorf records a located error; the build fails at the end, reporting all.
// A problem reached again (a shared inline schema, from every operation that
// uses it) is recorded once (errorKey).
func (b *builder) errorf(pos model.Pos, format string, args ...any) {
	d := model.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)}
	key := errorKey(pos, format, d.Message)
	if b.warned[key] {
		return
	}
	b.warned[key] = true
	b.diags = append(b.diags, d)
}

// warnf records a located warning of a kind: the output is degraded, not
// dropped. A problem reached again (a component's example, from every
// operation that uses it) is recorded once (warningKey).
func (b *builder) warnf(kind string, pos model.Pos, format string, args ...any) {
	d := model.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...), Kind: kind}
	key := warningKey(d)
	if b.warned[key] {
		return
	}
	b.warned[key] = true
	b.api.Warnings = append(b.api.Warnings, d)
}

// at is the origin of element x: its own (kin-openapi's), else the one
// read from the YAML tree on the fast path.
func (b *builder) at(x any, o *openapi3.Origin) *openapi3.Origin {
	if o == nil && b.origins != nil {
		o = b.origins()[x]
	}
	if o == nil && b.sameAs[x] != nil {
		// Made by the 3.1 reading: at the schema it was made from.
		if s, ok := b.sameAs[x].(*openapi3.Schema); ok {
			return b.at(s, s.Origin)
		}
	}
	return o
}

// pos turns a kin-openapi origin into a model position in the spec file.
func (b *builder) pos(o *openapi3.Origin) model.Pos {
	if o == nil || o.Key == nil {
		return model.Pos{File: b.file}
	}
	return model.Pos{File: b.displayFile(o.Key.File), Line: o.Key.Line, Col: o.Key.Column}
}

// fieldPos is the position of field name inside the collection o.
func (b *builder) fieldPos(o *openapi3.Origin, name string) model.Pos {
	if o != nil {
		if l, ok := o.Fields.Lookup(name); ok {
			return model.Pos{File: b.displayFile(l.File), Line: l.Line, Col: l.Column}
		}
	}
	return b.pos(o)
}

func (b *builder) displayFile(f string) string {
	if f == "" {
		return b.file
	}
	abs, _ := filepath.Abs(b.file)
	if f == abs || strings.TrimPrefix(f, "file://") == abs {
		return b.file
	}
	if rel, err := filepath.Rel(filepath.Dir(abs), strings.TrimPrefix(f, "file://")); err == nil {
		return filepath.Join(filepath.Dir(b.file), rel)
	}
	return f
}

func extString(ext map[string]any, key string) string {
	if v, ok := ext[key].(string); ok {
		return v
	}
	return ""
}

func extBool(ext map[string]any, key string) bool {
	v, _ := ext[key].(bool)
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pathURL is the location kin-openapi resolves relative $refs against.
func pathURL(abs string) *url.URL { return &url.URL{Path: filepath.ToSlash(abs)} }
