package parser

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/model"
)

// loadNames lowers spec with the previous decisions prev (nil: none).
func loadNames(t *testing.T, spec string, prev *model.Names, rename bool) *model.API {
	t.Helper()
	api, err := Load("api.yml", []byte(spec), Options{Names: prev, Rename: rename})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// typeNamed is the type at location loc.
func typeAt(t *testing.T, api *model.API, loc string) *model.Type {
	t.Helper()
	for _, ty := range api.Types {
		if ty.Loc == loc {
			return ty
		}
	}
	t.Fatalf("no type at %s", loc)
	return nil
}

func renames(api *model.API) []string {
	var out []string
	for _, r := range api.Renames {
		out = append(out, r.String())
	}
	return out
}

const petV1 = `openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
        status:
          type: string
          enum: [available, sold]
`

// petV2 is petV1 grown: a component PetStatus (an enum: it wants the name
// PetStatusEnum, which Pet's inline status enum has) and a value.
var petV2 = strings.Replace(petV1, "enum: [available, sold]", "enum: [available, pending, sold]", 1) + `    PetStatus:
      type: string
      enum: [active, retired]
`

const (
	petStatusLoc = "#/components/schemas/Pet/properties/status"
	newcomerLoc  = "#/components/schemas/PetStatus"
)

// TestStableNamesIssue is issue 10: adding a component PetStatus renamed the
// existing PetStatusEnum to PetStatusEnum2. With the previous decisions, the
// newcomer is the one suffixed, and nothing is reported renamed; without
// them (a fresh generation), components claim first, as before.
func TestStableNamesIssue(t *testing.T) {
	v1 := loadNames(t, petV1, nil, false)
	if got := v1.Names.Shared[petStatusLoc]; got != "PetStatusEnum" {
		t.Fatalf("v1 records %q for %s, want PetStatusEnum; names: %v", got, petStatusLoc, v1.Names.Shared)
	}
	v2 := loadNames(t, petV2, v1.Names, false)
	if got := typeAt(t, v2, petStatusLoc).Name; got != "PetStatusEnum" {
		t.Errorf("the existing enum is %s, want PetStatusEnum", got)
	}
	if got := typeAt(t, v2, newcomerLoc).Name; got != "PetStatusEnum2" {
		t.Errorf("the newcomer is %s, want PetStatusEnum2", got)
	}
	var consts []string
	for _, v := range typeAt(t, v2, petStatusLoc).Values {
		consts = append(consts, v.GoName)
	}
	if want := []string{"PetStatusEnumAvailable", "PetStatusEnumPending", "PetStatusEnumSold"}; !reflect.DeepEqual(consts, want) {
		t.Errorf("constants %v, want %v", consts, want)
	}
	if r := renames(v2); len(r) > 0 {
		t.Errorf("renames reported: %v", r)
	}
	fresh := loadNames(t, petV2, nil, false)
	if got := typeAt(t, fresh, petStatusLoc).Name; got != "PetStatusEnum2" {
		t.Errorf("fresh, the inline enum is %s, want PetStatusEnum2 (components claim first)", got)
	}
}

// TestStableNamesRename: -rename names as a fresh generation does, and lists
// each name that changed against the previous decisions.
func TestStableNamesRename(t *testing.T) {
	v1 := loadNames(t, petV1, nil, false)
	kept := loadNames(t, petV2, v1.Names, false)
	renamed := loadNames(t, petV2, kept.Names, true)
	fresh := loadNames(t, petV2, nil, false)
	if dumpNames(renamed) != dumpNames(fresh) {
		t.Errorf("-rename names differ from a fresh generation's:\n%s\nvs\n%s", dumpNames(renamed), dumpNames(fresh))
	}
	if !reflect.DeepEqual(renamed.Names, fresh.Names) {
		t.Errorf("-rename records %v, a fresh generation %v", renamed.Names, fresh.Names)
	}
	want := []string{
		"api.yml:19:9: renamed: PetStatusEnum -> PetStatusEnum2 (-rename: named afresh)",
		"api.yml:21:18: renamed: PetStatusEnumAvailable -> PetStatusEnum2Available (-rename: named afresh)",
		"api.yml:21:29: renamed: PetStatusEnumPending -> PetStatusEnum2Pending (-rename: named afresh)",
		"api.yml:21:38: renamed: PetStatusEnumSold -> PetStatusEnum2Sold (-rename: named afresh)",
		"api.yml:22:5: renamed: PetStatusEnum2 -> PetStatusEnum (-rename: named afresh)",
		"api.yml:24:14: renamed: PetStatusEnum2Active -> PetStatusEnumActive (-rename: named afresh)",
		"api.yml:24:22: renamed: PetStatusEnum2Retired -> PetStatusEnumRetired (-rename: named afresh)",
	}
	if got := renames(renamed); !reflect.DeepEqual(got, want) {
		t.Errorf("renames:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStableNamesWantChanged: a decision whose location now wants another
// name (the operationId changed, so the request struct wants another name)
// is dropped, and reported; the name it held is free again, here for a
// newcomer component that wants it and claims first (the lowering runs
// again: the first run kept the name for the decision).
func TestStableNamesWantChanged(t *testing.T) {
	v1 := loadNames(t, petV1, nil, false)
	v2 := strings.Replace(petV1, "operationId: listPets", "operationId: fetchPets", 1) + `    ListPetsRequest:
      type: object
      properties:
        page: {type: integer}
`
	api := loadNames(t, v2, v1.Names, false)
	if got := typeAt(t, api, "#/components/schemas/ListPetsRequest").Name; got != "ListPetsRequest" {
		t.Errorf("the newcomer component is %s, want ListPetsRequest (the name the operation no longer wants)", got)
	}
	if got := typeAt(t, api, "#/paths/~1pets/get#request").Name; got != "FetchPetsRequest" {
		t.Errorf("the request struct is %s, want FetchPetsRequest", got)
	}
	want := []string{
		"api.yml:5:5: renamed: ListPetsRequest -> FetchPetsRequest (the spec now names it FetchPetsRequest)",
		"api.yml:5:5: renamed: ListPetsResponse -> FetchPetsResponse (the spec now names it FetchPetsResponse)",
	}
	if got := renames(api); !reflect.DeepEqual(got, want) {
		t.Errorf("renames:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStableNamesLocationGone: a decision whose location is gone is
// dropped: its name is free for a newcomer; the others keep theirs, even a
// suffixed one whose unsuffixed name is free now.
func TestStableNamesLocationGone(t *testing.T) {
	const base = `openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
`
	obj := "      type: object\n      properties:\n        a: {type: string}\n"
	v1 := loadNames(t, base+"    Foo:\n"+obj+"    foo:\n"+obj, nil, false)
	if got := v1.Names.Shared["#/components/schemas/foo"]; got != "Foo2" {
		t.Fatalf("v1: foo is %s, want Foo2", got)
	}
	// Foo goes, foo_ (which wants Foo too) comes.
	api := loadNames(t, base+"    foo:\n"+obj+"    foo_:\n"+obj, v1.Names, false)
	if got := typeAt(t, api, "#/components/schemas/foo").Name; got != "Foo2" {
		t.Errorf("foo is %s, want Foo2 (kept)", got)
	}
	if got := typeAt(t, api, "#/components/schemas/foo_").Name; got != "Foo" {
		t.Errorf("foo_ is %s, want Foo (the name of the schema that is gone)", got)
	}
	if r := renames(api); len(r) > 0 {
		t.Errorf("renames reported: %v", r)
	}
	if _, ok := api.Names.Shared["#/components/schemas/Foo"]; ok {
		t.Error("the decision of the schema that is gone is still recorded")
	}
}

// TestStableNamesMembers: struct fields whose names were contested keep
// them when a third property wanting the same name comes and sorts first.
func TestStableNamesMembers(t *testing.T) {
	spec := func(props ...string) string {
		s := "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    User:\n      type: object\n      properties:\n"
		for _, p := range props {
			s += "        " + p + ": {type: string}\n"
		}
		return s
	}
	fields := func(api *model.API) map[string]string {
		out := map[string]string{}
		for _, f := range typeAt(t, api, "#/components/schemas/User").Fields {
			out[f.Name] = f.GoName
		}
		return out
	}
	v1 := loadNames(t, spec("userId", "user_id"), nil, false)
	if got, want := fields(v1), map[string]string{"userId": "UserID", "user_id": "UserID2"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("v1 fields %v, want %v", got, want)
	}
	v2 := spec("user-id", "userId", "user_id")
	if got, want := fields(loadNames(t, v2, v1.Names, false)), map[string]string{"userId": "UserID", "user_id": "UserID2", "user-id": "UserID3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("v2 fields %v, want %v", got, want)
	}
	if got := fields(loadNames(t, v2, nil, false)); got["user-id"] != "UserID" {
		t.Errorf("fresh v2 fields %v: user-id should take UserID (the old behaviour)", got)
	}
	// Uncontested members are not recorded.
	if m := v1.Names.Members["#/components/schemas/User"]; len(m) != 2 {
		t.Errorf("member records %v, want the two contested fields", m)
	}
}

// TestStableNamesIdempotent: a run given its own decisions names everything
// as it did, records the same decisions and reports no rename (so `gen` over
// its own output changes nothing), on specs full of collisions.
func TestStableNamesIdempotent(t *testing.T) {
	specs := []string{"testdata/collisions.yml", "../../spec/vault.yml", "../../../shared/specs/accounting.yml", "../../../shared/specs/openai.yaml"}
	for _, glob := range []string{"../e2e/testdata/shapes/*.yml", "../e2e/testdata/specs/*.yml", "../e2e/testdata/generative/*.json"} {
		m, _ := filepath.Glob(glob)
		specs = append(specs, m...)
	}
	n := 0
	for _, spec := range specs {
		if _, err := os.Stat(spec); err != nil {
			continue
		}
		first, err := LoadFile(spec, Options{})
		if err != nil {
			continue // specs that fail on purpose
		}
		again, err := LoadFile(spec, Options{Names: first.Names})
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		if a, b := dumpNames(first), dumpNames(again); a != b {
			t.Errorf("%s: names differ given the run's own decisions", spec)
		}
		if !reflect.DeepEqual(first.Names, again.Names) {
			t.Errorf("%s: the decisions recorded differ", spec)
		}
		if r := renames(again); len(r) > 0 {
			t.Errorf("%s: renames reported: %v", spec, r)
		}
		n++
	}
	t.Logf("%d specs", n)
}

// TestStableNamesGrowth: a spec that grows keeps every name it had. Each
// spec of the corpus is lowered first without every second operation
// (gen.yaml's exclude), then grown: all its operations, a component for
// each of its inline types that wants that type's name (the issue's
// PetStatus), and, before the first value of each string enum, a value whose
// constant wants the first one's name ("AVAILABLE" before "available").
// Given the first run's decisions, each of them holds in the second, and
// nothing is reported renamed; without them, names change (counted: the
// test has teeth).
func TestStableNamesGrowth(t *testing.T) {
	specs := []string{"testdata/collisions.yml", "../../spec/vault.yml", "../../../shared/specs/accounting.yml"}
	for _, glob := range []string{"../e2e/testdata/shapes/*.yml", "../e2e/testdata/specs/*.yml", "../e2e/testdata/generative/*.json"} {
		m, _ := filepath.Glob(glob)
		specs = append(specs, m...)
	}
	grown, changedFresh := 0, 0
	for _, spec := range specs {
		data, err := os.ReadFile(spec)
		if err != nil {
			continue
		}
		whole, err := Load(spec, data, Options{})
		if err != nil {
			continue // specs that fail on purpose
		}
		var half []string
		i := 0
		for _, svc := range whole.Services {
			for _, op := range svc.Operations {
				if op.ID != "" {
					if i%2 == 1 {
						half = append(half, op.ID)
					}
					i++
				}
			}
		}
		before, err := Load(spec, data, Options{Exclude: OperationFilter{Operations: half}})
		if err != nil {
			t.Fatalf("%s without %v: %v", spec, half, err)
		}
		more, added := grow(t, data, before)
		if added == 0 && len(half) == 0 {
			continue
		}
		after, err := Load(spec, more, Options{Names: before.Names})
		if err != nil {
			t.Fatalf("%s grown: %v\n%s", spec, err, more)
		}
		grown++
		for _, s := range scopesOf(before.Names) {
			for loc, name := range before.Names.Scope(s, false) {
				if got := after.Names.Scope(s, false)[loc]; got != name {
					t.Errorf("%s grown: %s: %s was %s, is %s", spec, s, loc, name, got)
				}
			}
		}
		if r := renames(after); len(r) > 0 {
			t.Errorf("%s grown: renames reported: %v", spec, r)
		}
		fresh, err := Load(spec, more, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range scopesOf(before.Names) {
			for loc, name := range before.Names.Scope(s, false) {
				if got, ok := fresh.Names.Scope(s, false)[loc]; ok && got != name {
					changedFresh++
				}
			}
		}
	}
	t.Logf("%d specs grown; a fresh generation of them would have renamed %d identifiers", grown, changedFresh)
	if grown > 0 && changedFresh == 0 {
		t.Error("no growth would have renamed anything: the test shows nothing")
	}
}

// grow adds to the spec data, lowered as api, a component for each inline
// type of shared that wants its name, and a colliding first value to each
// string enum; it returns the new spec and how many it added.
func grow(t *testing.T, data []byte, api *model.API) ([]byte, int) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	comps := child(root, "components")
	if comps == nil {
		comps = &yaml.Node{Kind: yaml.MappingNode}
		root.Content = append(root.Content, scalar("components"), comps)
	}
	schemas := child(comps, "schemas")
	if schemas == nil {
		schemas = &yaml.Node{Kind: yaml.MappingNode}
		comps.Content = append(comps.Content, scalar("schemas"), schemas)
	}
	added := 0
	for _, ty := range api.Types {
		if ty.Pkg != model.PkgShared || ty.SchemaName != "" || strings.Contains(ty.Loc[1:], "#") {
			continue
		}
		var def string
		key := ty.Name
		switch ty.Kind {
		case model.KindEnum:
			key = strings.TrimSuffix(key, "Enum")
			def = "{type: string, enum: [x]}"
		case model.KindStruct, model.KindUnion:
			def = "{type: object, properties: {x: {type: string}}}"
		default:
			continue
		}
		if keyOf(schemas, key) != nil || model.Pascal(key) != key || strings.Trim(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
			continue
		}
		var v yaml.Node
		if err := yaml.Unmarshal([]byte(def), &v); err != nil {
			t.Fatal(err)
		}
		schemas.Content = append(schemas.Content, scalar(key), v.Content[0])
		added++
	}
	for _, ty := range api.Types {
		if ty.Kind != model.KindEnum || ty.EnumBase != model.KindString || len(ty.Values) == 0 || strings.Contains(ty.Loc[1:], "#") {
			continue
		}
		first := ty.Values[0].Value
		up := strings.ToUpper(first)
		enum := child(resolve(root, ty.Loc), "enum")
		if up == first || enum == nil || enum.Kind != yaml.SequenceNode || model.EnumValueName(up) != model.EnumValueName(first) {
			continue
		}
		enum.Content = append([]*yaml.Node{scalar(up)}, enum.Content...)
		added++
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out, added
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// resolve is the node a location's JSON pointer names, or nil (a location
// by name, such as a parameter's, is no pointer).
func resolve(root *yaml.Node, loc string) *yaml.Node {
	frag, ok := strings.CutPrefix(loc, "#/")
	if !ok {
		return nil
	}
	n := root
	for _, part := range strings.Split(frag, "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		switch n = deref(n); {
		case n == nil:
			return nil
		case n.Kind == yaml.MappingNode:
			n = child(n, part)
		case n.Kind == yaml.SequenceNode:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return deref(n)
}

// scopesOf lists the scopes n has decisions in.
func scopesOf(n *model.Names) []model.Scope {
	out := []model.Scope{model.ScopeShared, model.ScopeOperations, model.ScopeRoot}
	for owner := range n.Members {
		out = append(out, model.MemberScope(owner))
	}
	return out
}

// TestStableNamesForeign: decisions of another spec (an output folder
// reused for a different spec) name nothing wrongly and nothing at random:
// a lowering given them ends, and twice gives one result.
func TestStableNamesForeign(t *testing.T) {
	other, err := LoadFile("testdata/collisions.yml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The same locations, each wanting other names: every reservation is wrong.
	swapped := &model.Names{Shared: map[string]string{}}
	for loc, name := range other.Names.Shared {
		swapped.Shared[loc] = "Connection"
		if name == "Connection" {
			swapped.Shared[loc] = "Health"
		}
	}
	for _, prev := range []*model.Names{other.Names, swapped} {
		a, err := LoadFile("../../spec/vault.yml", Options{Names: prev})
		if err != nil {
			t.Fatal(err)
		}
		b, err := LoadFile("../../spec/vault.yml", Options{Names: prev})
		if err != nil {
			t.Fatal(err)
		}
		if dumpNames(a) != dumpNames(b) || !reflect.DeepEqual(a.Names, b.Names) {
			t.Error("two lowerings with the same foreign decisions differ")
		}
		c, err := LoadFile("testdata/collisions.yml", Options{Names: prev})
		if err != nil {
			t.Fatal(err)
		}
		if prev == swapped && len(c.Renames) == 0 {
			t.Error("decisions whose names the spec does not want: no rename reported")
		}
	}
}

// TestStableNamesBorrowed: a schema written under a component response is
// named after the first operation that uses it; an operation added before
// that one does not rename it (its name is borrowed from the context, not
// its own: it is kept whatever it derives from).
func TestStableNamesBorrowed(t *testing.T) {
	const v1 = `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /b:
    get:
      operationId: getB
      responses:
        '200': {$ref: '#/components/responses/Thing'}
components:
  responses:
    Thing:
      description: ok
      content:
        application/json:
          schema:
            type: object
            properties:
              id: {type: string}
`
	v2 := strings.Replace(v1, "paths:\n", "paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200': {$ref: '#/components/responses/Thing'}\n", 1)
	const loc = "#/components/responses/Thing/content/application~1json/schema"
	first := loadNames(t, v1, nil, false)
	if got := typeAt(t, first, loc).Name; got != "GetB200ApplicationJSON" {
		t.Fatalf("v1: %s", got)
	}
	api := loadNames(t, v2, first.Names, false)
	if got := typeAt(t, api, loc).Name; got != "GetB200ApplicationJSON" {
		t.Errorf("v2: the response type is %s, want GetB200ApplicationJSON (kept)", got)
	}
	if r := renames(api); len(r) > 0 {
		t.Errorf("renames reported: %v", r)
	}
	if got := typeAt(t, loadNames(t, v2, nil, false), loc).Name; got != "GetA200ApplicationJSON" {
		t.Errorf("fresh v2: %s, want GetA200ApplicationJSON (named after the first operation)", got)
	}
}
