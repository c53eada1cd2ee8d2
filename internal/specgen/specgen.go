// Package specgen writes random, valid OpenAPI 3.0.3 documents (as JSON) for
// generative tests of gen: nested, recursive and union schemas, enums of every
// scalar type, parameters of every style, security, servers, paginated lists
// (x-speakeasy-pagination, the Apideck convention), server-sent events (alone
// or beside JSON; shapes.go), and names drawn from a vocabulary meant to
// collide with Go keywords and generated identifiers. A document depends only
// on its seed.
//
// The document is built as plain maps (encoding/json writes their keys
// sorted); every random choice goes through one PCG, and nothing iterates a
// Go map unsorted, so Generate(seed) is deterministic.
package specgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// obj is a JSON object of the document.
type obj = map[string]any

// ---------------------------------------------------------------------------
// Vocabulary: every name of a document comes from these tables.

var (
	// propNames name properties, query and cookie parameters: Go keywords and
	// predeclared identifiers, names that collide after casing or with
	// generated methods, unicode, leading digits, punctuation and spaces.
	propNames = []string{
		"type", "func", "string", "error", "nil", "len", "interface", "map", "chan", "go", "select",
		"user_id", "userId", "UserID", "name", "Name", "get_name", "marshal_json", "unmarshal_json",
		"is_known", "to_pointer", "get", "set", "value", "null", "additional_properties", "sdk", "new",
		"request", "response", "status_code", "raw_response", "content_type", "é", "名", "Ω", "2fa",
		"x-rate", "a.b", "$count", "with space", "id", "ID", "url", "kind", "default", "range", "var",
		"true", "int", "byte", "any", "Type", "_", "__", "a-b", "a_b", "count", "items", "data",
	}
	// componentKeys name component schemas (^[a-zA-Z0-9.\-_]+$).
	componentKeys = []string{
		"User", "user", "UserID", "user_id", "Type", "type", "Func", "Error", "String", "Nil", "Map",
		"Color", "ColorEnum", "ColorEnumRed", "Sdk", "SDK", "New", "Request", "Response", "Shared",
		"Operations", "2fa", "a.b", "x-y", "Pet", "Node", "Name", "get_name", "Security", "Types",
		"Nullable", "APIError", "Pet_Input", "PetInput", "Interface", "Value", "Null", "Any", "_x",
	}
	// variantKeys name the object components of discriminated unions.
	variantKeys = []string{"Cat", "Dog", "cat", "dog-2", "Bird.v1", "Fish_", "Red", "red"}
	// discriminators name discriminator properties.
	discriminators = []string{"type", "kind", "object_type", "@type", "Type", "tag"}
	// stringEnum are string enum values: collisions after casing,
	// punctuation only, the empty string.
	stringEnum = []string{"a-b", "a_b", "A B", "*", "-", "", "red", "Red", "RED", "é", "名", "null", "true", "1", "x.y", "+", "type", "Ω"}
	intEnum    = []int64{0, 1, -1, 2, 42, 100, 7, -20}
	numEnum    = []float64{0.5, -1.5, 1, 2.25, 0, 100.125}
	// segments are literal path segments.
	segments = []string{"users", "type", "名前", "2fa", "a.b", "x-y", "items", "func", "v1", "pets", "go", "é", "Users"}
	// pathParams name path parameters (safe inside a path template).
	pathParams = []string{"id", "user_id", "userId", "UserID", "type", "func", "2fa", "name", "a.b", "x-y", "é", "名", "go"}
	// headerNames name header parameters (HTTP tokens).
	headerNames = []string{"X-Request-ID", "X-Type", "X-Func", "X-Name", "X-Get-Name", "X-User-Id", "X-UserID", "X-2fa", "X.Dot", "X_Under", "Idempotency-Key", "X-Null"}
	// cookieNames name cookie parameters.
	cookieNames = []string{"session", "type", "func", "user_id", "userId", "name", "2fa", "Name"}
	// operationIDs are drawn for operations (a taken one gets a suffix).
	operationIDs = []string{"getUser", "get_user", "GetUser", "list", "type", "func", "new", "2fa", "名前を取得", "do-it", "get.name", "Sdk", "Request", "get", "set", "String", "listUsers", "list_users", "New", "go"}
	// tagNames name tags.
	tagNames = []string{"users", "Users", "type", "名前", "User Accounts", "a-b", "sdk", "func", "2fa", "Pets"}
	// schemeKeys name security schemes.
	schemeKeys = []string{"apiKey", "api_key", "bearer", "basic", "Security", "type", "oauth", "2fa"}

	methods = []string{"get", "post", "put", "patch", "delete"}
)

// ---------------------------------------------------------------------------

// kind is what a component schema is.
type kind int

const (
	kObject kind = iota
	kEnum
	kScalar
	kArray
	kMap
	kUnion
	kDiscUnion
	kAllOf
	kRecursive
	kVariant // an object alternative of a discriminated union
	nKinds
)

// component is one schema of components.schemas.
type component struct {
	key    string
	kind   kind
	schema obj
	props  []string // property names of an object (flattened for allOf)
	index  int      // order of creation: a required reference only points back
}

// gen is the state of one document.
type gen struct {
	r     *rand.Rand
	comps []*component
	byKey map[string]*component
	cur   int // index of the component being built (-1: operations)
	taken map[string]bool
}

// Generate returns a random, valid OpenAPI 3.0.3 document as JSON.
func Generate(seed int64) []byte {
	g := &gen{
		r:     rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)),
		byKey: map[string]*component{},
		taken: map[string]bool{},
	}
	doc := g.document()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err) // only maps, slices, strings, numbers and booleans
	}
	return buf.Bytes()
}

// ---------------------------------------------------------------------------
// Random helpers.

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }
func (g *gen) intn(n int) int        { return g.r.IntN(n) }
func (g *gen) between(lo, hi int) int {
	return lo + g.r.IntN(hi-lo+1)
}
func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// pickN draws n distinct elements of xs (fewer if xs is shorter).
func pickN[T any](g *gen, xs []T, n int) []T {
	perm := g.r.Perm(len(xs))
	out := make([]T, 0, n)
	for _, i := range perm[:min(n, len(xs))] {
		out = append(out, xs[i])
	}
	return out
}

// unique returns name, or name with the smallest numeric suffix not in used,
// and marks it used.
func unique(used map[string]bool, name string) string {
	n := name
	for i := 2; used[n]; i++ {
		n = fmt.Sprintf("%s%d", name, i)
	}
	used[n] = true
	return n
}

// uniqueFolded is unique for operationIds: two that differ only in case
// and punctuation (getUser, get_user) would be one Go method, which gen
// refuses, so the fold (lower-case letters and digits) must be unique.
func uniqueFolded(used map[string]bool, name string) string {
	fold := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	n := name
	for i := 2; used[fold(n)]; i++ {
		n = fmt.Sprintf("%s%d", name, i)
	}
	used[fold(n)] = true
	return n
}

func ref(key string) obj { return obj{"$ref": "#/components/schemas/" + key} }

// ---------------------------------------------------------------------------
// The document.

func (g *gen) document() obj {
	doc := obj{
		"openapi": "3.0.3",
		"info":    obj{"title": "generated " + pick(g, tagNames), "version": "1.0.0"},
	}
	doc["servers"] = g.servers()
	schemes := g.securitySchemes()
	g.components()
	tags := pickN(g, tagNames, g.between(0, 4))
	if len(tags) > 0 && g.chance(0.6) {
		var list []any
		for _, t := range tags {
			list = append(list, obj{"name": t, "description": "the " + t + " operations"})
		}
		doc["tags"] = list
	}
	if len(schemes) > 0 && g.chance(0.6) {
		doc["security"] = g.securityRequirement(schemes)
	}
	doc["paths"] = g.paths(tags, schemes)

	schemas := obj{}
	for _, c := range g.comps {
		schemas[c.key] = c.schema
	}
	components := obj{"schemas": schemas}
	if len(schemes) > 0 {
		s := obj{}
		for _, k := range schemes {
			s[k] = g.securityScheme()
		}
		components["securitySchemes"] = s
	}
	doc["components"] = components
	return doc
}

// servers: a plain URL, or one with variables that have defaults (and
// sometimes an enum).
func (g *gen) servers() []any {
	switch g.intn(4) {
	case 0:
		return []any{obj{"url": "https://api.example.com/v1"}}
	case 1:
		return []any{obj{"url": "/api"}, obj{"url": "https://sandbox.example.com", "description": "sandbox"}}
	default:
		vars := obj{"version": obj{"default": "v1"}}
		env := obj{"default": "api"}
		if g.chance(0.5) {
			env["enum"] = []any{"api", "sandbox", "eu-west"}
		}
		vars["environment"] = env
		url := "https://{environment}.example.com/{version}"
		if g.chance(0.3) {
			vars["port"] = obj{"default": "8443", "enum": []any{"8443", "443"}}
			url = "https://{environment}.example.com:{port}/{version}"
		}
		return []any{obj{"url": url, "variables": vars}}
	}
}

// ---------------------------------------------------------------------------
// Security.

func (g *gen) securitySchemes() []string {
	if g.chance(0.4) {
		return nil
	}
	keys := pickN(g, schemeKeys, g.between(1, 3))
	slices.Sort(keys)
	return keys
}

func (g *gen) securityScheme() obj {
	switch g.intn(4) {
	case 0:
		return obj{"type": "apiKey", "in": "header", "name": pick(g, []string{"X-API-Key", "Authorization", "X-Type"})}
	case 1:
		return obj{"type": "apiKey", "in": "query", "name": pick(g, []string{"api_key", "type", "key"})}
	case 2:
		s := obj{"type": "http", "scheme": "bearer"}
		if g.chance(0.5) {
			s["bearerFormat"] = "JWT"
		}
		return s
	default:
		return obj{"type": "http", "scheme": "basic"}
	}
}

// securityRequirement: one scheme, alternatives, or two together.
func (g *gen) securityRequirement(schemes []string) []any {
	switch g.intn(3) {
	case 0:
		return []any{obj{pick(g, schemes): []any{}}}
	case 1:
		var out []any
		for _, s := range schemes {
			out = append(out, obj{s: []any{}})
		}
		return out
	default:
		req := obj{}
		for _, s := range schemes {
			req[s] = []any{}
		}
		return []any{req}
	}
}

// ---------------------------------------------------------------------------
// Component schemas.

// components decides the keys and kinds first, then builds each schema.
func (g *gen) components() {
	used := map[string]bool{}
	n := g.between(3, 10)
	for _, key := range pickN(g, componentKeys, n) {
		used[key] = true
		k := kind(g.intn(int(nKinds) - 1)) // every kind but kVariant
		g.addComponent(key, k)
	}
	for i := 0; i < len(g.comps); i++ { // grows as unions add variants
		c := g.comps[i]
		if c.schema != nil {
			continue // a variant, built with its union
		}
		g.cur = i
		c.schema = g.componentSchema(c, used)
	}
	g.cur = -1
	// Examples on whole objects, now that every reference resolves.
	for _, c := range g.comps {
		if (c.kind == kObject || c.kind == kVariant) && g.chance(0.3) {
			if v, ok := g.value(c.schema, 0); ok {
				c.schema["example"] = v
			}
		}
	}
}

func (g *gen) addComponent(key string, k kind) *component {
	c := &component{key: key, kind: k, index: len(g.comps)}
	g.comps = append(g.comps, c)
	g.byKey[key] = c
	return c
}

func (g *gen) componentSchema(c *component, used map[string]bool) obj {
	switch c.kind {
	case kObject, kVariant:
		s, props := g.object(1, nil)
		c.props = props
		return s
	case kEnum:
		return g.enum()
	case kScalar:
		return g.scalar()
	case kArray:
		return obj{"type": "array", "items": g.schema(1, false)}
	case kMap:
		return g.mapSchema(1)
	case kUnion:
		return g.union(1, true)
	case kDiscUnion:
		return g.discUnion(used)
	case kAllOf:
		return g.allOf(c)
	case kRecursive:
		return g.recursive(c)
	}
	panic("unknown kind")
}

// ---------------------------------------------------------------------------
// Schemas.

// schema is any schema at depth; finite says it sits where a value is
// required (a required property, an allOf part), so that a reference there
// may only point back to an earlier component: required chains end.
func (g *gen) schema(depth int, finite bool) obj {
	if depth >= 3 {
		if g.chance(0.3) {
			return g.enum()
		}
		return g.scalar()
	}
	switch g.intn(10) {
	case 0, 1:
		return g.scalar()
	case 2:
		return g.enum()
	case 3, 4:
		if r, ok := g.componentRef(finite); ok {
			return r
		}
		return g.scalar()
	case 5:
		s, _ := g.object(depth+1, nil)
		return s
	case 6:
		return g.array(depth + 1)
	case 7:
		return g.mapSchema(depth + 1)
	case 8:
		return g.union(depth+1, finite)
	default:
		return g.nullable(g.scalar())
	}
}

// componentRef refers to a component: any one, or (finite) an earlier one.
func (g *gen) componentRef(finite bool) (obj, bool) {
	var cands []*component
	for _, c := range g.comps {
		if !finite || (g.cur >= 0 && c.index < g.cur) || g.cur < 0 {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return nil, false
	}
	return ref(pick(g, cands).key), true
}

// scalar is a string, integer, number or boolean with a format, sometimes a
// default and an example that match it.
func (g *gen) scalar() obj {
	var s obj
	switch g.intn(4) {
	case 0:
		s = obj{"type": "string"}
		if f := pick(g, []string{"", "", "date-time", "date", "uuid", "byte", "email"}); f != "" {
			s["format"] = f
		}
	case 1:
		s = obj{"type": "integer"}
		if f := pick(g, []string{"", "int32", "int64"}); f != "" {
			s["format"] = f
		}
	case 2:
		s = obj{"type": "number"}
		if f := pick(g, []string{"", "float", "double"}); f != "" {
			s["format"] = f
		}
	default:
		s = obj{"type": "boolean"}
	}
	g.decorate(s)
	return s
}

// enum lists values of one scalar type; nullable enums add null.
func (g *gen) enum() obj {
	var values []any
	s := obj{}
	n := g.between(1, 4)
	switch g.intn(4) {
	case 0, 1:
		s["type"] = "string"
		for _, v := range pickN(g, stringEnum, n) {
			values = append(values, v)
		}
	case 2:
		s["type"] = "integer"
		if g.chance(0.5) {
			s["format"] = pick(g, []string{"int32", "int64"})
		}
		for _, v := range pickN(g, intEnum, n) {
			values = append(values, v)
		}
	case 3:
		if g.chance(0.5) {
			s["type"] = "number"
			for _, v := range pickN(g, numEnum, n) {
				values = append(values, v)
			}
		} else {
			s["type"] = "boolean"
			values = []any{true}
			if g.chance(0.5) {
				values = append(values, false)
			}
		}
	}
	if g.chance(0.25) {
		s["nullable"] = true
		values = append(values, nil)
	}
	s["enum"] = values
	g.decorate(s)
	return s
}

// nullable marks s nullable (s is a plain schema, never a $ref).
func (g *gen) nullable(s obj) obj {
	s["nullable"] = true
	return s
}

// decorate adds, at random, a default and an example valid for s.
func (g *gen) decorate(s obj) {
	if g.chance(0.2) {
		if v, ok := g.value(s, 0); ok {
			s["default"] = v
		}
	}
	if g.chance(0.2) {
		if v, ok := g.value(s, 0); ok {
			s["example"] = v
		}
	}
	if g.chance(0.2) {
		s["description"] = "a */ description\nof " + fmt.Sprint(s["type"])
	}
}

// object has 0-5 properties from the vocabulary (avoiding the names of
// exclude), a required subset, sometimes readOnly/writeOnly properties and
// additionalProperties. It returns the property names too.
func (g *gen) object(depth int, exclude []string) (obj, []string) {
	s := obj{"type": "object"}
	var names []string
	var required []any
	props := obj{}
	for _, name := range pickN(g, propNames, g.between(0, 5)) {
		if slices.Contains(exclude, name) {
			continue
		}
		names = append(names, name)
		req := g.chance(0.4)
		p := g.schema(depth, req)
		if _, isRef := p["$ref"]; !isRef {
			switch {
			case g.chance(0.1):
				p["readOnly"] = true
			case g.chance(0.08):
				p["writeOnly"] = true
			}
		}
		props[name] = p
		if req {
			required = append(required, name)
		}
	}
	if len(props) > 0 {
		s["properties"] = props
	}
	if len(required) > 0 {
		s["required"] = required
	}
	if g.chance(0.12) {
		if g.chance(0.5) {
			s["additionalProperties"] = true
		} else {
			s["additionalProperties"] = g.schema(depth+1, false)
		}
	}
	if g.chance(0.1) {
		s["nullable"] = true
	}
	slices.Sort(names)
	return s, names
}

func (g *gen) array(depth int) obj {
	return obj{"type": "array", "items": g.schema(depth, false)}
}

// mapSchema: additionalProperties as a schema or as true.
func (g *gen) mapSchema(depth int) obj {
	if g.chance(0.25) {
		return obj{"type": "object", "additionalProperties": true}
	}
	return obj{"type": "object", "additionalProperties": g.schema(depth, false)}
}

// union is a oneOf or anyOf of 2-3 alternatives, without discriminator; the
// first is finite, so that a required union always has a value. An
// alternative may be a union itself.
func (g *gen) union(depth int, finite bool) obj {
	n := g.between(2, 3)
	var alts []any
	for i := range n {
		var a obj
		switch g.intn(6) {
		case 0:
			if r, ok := g.componentRef(finite && i == 0); ok {
				a = r
				break
			}
			a = g.scalar()
		case 1:
			a, _ = g.object(depth+1, nil)
		case 2:
			a = g.array(depth + 1)
		case 3:
			if depth < 3 {
				a = g.union(depth+1, finite && i == 0)
				break
			}
			a = g.enum()
		default:
			a = g.scalar()
		}
		alts = append(alts, a)
	}
	if g.chance(0.6) {
		return obj{"oneOf": alts}
	}
	return obj{"anyOf": alts}
}

// discUnion makes 2-3 object variants that declare the discriminator as a
// required string, and a oneOf/anyOf over them with a discriminator,
// sometimes with a mapping.
func (g *gen) discUnion(used map[string]bool) obj {
	prop := pick(g, discriminators)
	var alts []any
	mapping := obj{}
	values := pickN(g, stringEnum[:16], 3)
	for i := range g.between(2, 3) {
		key := unique(used, pick(g, variantKeys))
		v := g.addComponent(key, kVariant)
		v.schema, v.props = g.variant(prop)
		alts = append(alts, ref(key))
		if values[i] != "" {
			mapping[values[i]] = "#/components/schemas/" + key
		}
	}
	d := obj{"propertyName": prop}
	if g.chance(0.5) && len(mapping) > 0 {
		d["mapping"] = mapping
	}
	op := "oneOf"
	if g.chance(0.3) {
		op = "anyOf"
	}
	return obj{op: alts, "discriminator": d}
}

// variant is an object whose discriminator property is a required string.
func (g *gen) variant(prop string) (obj, []string) {
	s, names := g.object(2, []string{prop})
	props, _ := s["properties"].(obj)
	if props == nil {
		props = obj{}
		s["properties"] = props
	}
	props[prop] = obj{"type": "string"}
	req, _ := s["required"].([]any)
	s["required"] = append(req, prop)
	delete(s, "nullable")
	names = append(names, prop)
	slices.Sort(names)
	return s, names
}

// allOf merges an earlier object component (sometimes two) and an inline
// object, with distinct property names.
func (g *gen) allOf(c *component) obj {
	var bases []*component
	for _, o := range g.comps[:c.index] {
		if o.kind == kObject || o.kind == kAllOf || o.kind == kVariant {
			bases = append(bases, o)
		}
	}
	if len(bases) == 0 {
		c.kind = kObject
		s, props := g.object(1, nil)
		c.props = props
		return s
	}
	var parts []any
	var seen []string
	for _, b := range pickN(g, bases, g.between(1, 2)) {
		if slices.ContainsFunc(b.props, func(p string) bool { return slices.Contains(seen, p) }) {
			continue
		}
		parts = append(parts, ref(b.key))
		seen = append(seen, b.props...)
	}
	own, names := g.object(2, seen)
	delete(own, "nullable")
	parts = append(parts, own)
	c.props = append(seen, names...)
	return obj{"allOf": parts}
}

// recursive is an object referring to itself through an optional property,
// an array, a map or a union.
func (g *gen) recursive(c *component) obj {
	s, names := g.object(2, []string{"next", "children", "index", "either"})
	props, _ := s["properties"].(obj)
	if props == nil {
		props = obj{}
		s["properties"] = props
	}
	self := ref(c.key)
	switch g.intn(4) {
	case 0:
		props["next"] = self
		names = append(names, "next")
	case 1:
		props["children"] = obj{"type": "array", "items": self}
		names = append(names, "children")
	case 2:
		props["index"] = obj{"type": "object", "additionalProperties": self}
		names = append(names, "index")
	default:
		props["either"] = obj{"oneOf": []any{self, obj{"type": "string"}}}
		names = append(names, "either")
	}
	slices.Sort(names)
	c.props = names
	return s
}

// ---------------------------------------------------------------------------
// Values: examples and defaults that match their schema.

// value returns a JSON value valid for s, or false when s is one this
// package does not make values for (unions, allOf, readOnly/writeOnly
// properties whose validity depends on the direction).
func (g *gen) value(s obj, depth int) (any, bool) {
	if r, ok := s["$ref"].(string); ok {
		c := g.byKey[strings.TrimPrefix(r, "#/components/schemas/")]
		if c == nil || c.schema == nil || depth > 3 {
			return nil, false
		}
		return g.value(c.schema, depth+1)
	}
	if e, ok := s["enum"].([]any); ok {
		for _, v := range e {
			if v != nil {
				return v, true
			}
		}
		return nil, false
	}
	switch s["type"] {
	case "string":
		switch s["format"] {
		case "date-time":
			return "2024-01-02T03:04:05Z", true
		case "date":
			return "2024-01-02", true
		case "uuid":
			return "123e4567-e89b-12d3-a456-426614174000", true
		case "byte":
			return "aGVsbG8=", true
		case "email":
			return "a@example.com", true
		case "binary":
			return nil, false
		}
		return pick(g, []string{"example", "", "名前", "a b"}), true
	case "integer":
		return pick(g, []int64{0, 1, 42, -7}), true
	case "number":
		return pick(g, []float64{0, 1.5, -2.25}), true
	case "boolean":
		return g.chance(0.5), true
	case "array":
		items, _ := s["items"].(obj)
		if depth > 3 {
			return []any{}, true
		}
		v, ok := g.value(items, depth+1)
		if !ok {
			return []any{}, true
		}
		return []any{v}, true
	case "object":
		out := obj{}
		props, _ := s["properties"].(obj)
		req, _ := s["required"].([]any)
		for _, name := range sortedKeys(props) {
			p := props[name].(obj)
			if p["readOnly"] == true || p["writeOnly"] == true {
				return nil, false
			}
			required := slices.Contains(req, any(name))
			v, ok := g.value(p, depth+1)
			if !ok && required {
				return nil, false
			}
			if ok && (required || depth < 2) {
				out[name] = v
			}
		}
		return out, true
	}
	return nil, false
}

func sortedKeys(m obj) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ---------------------------------------------------------------------------
// Paths and operations.

func (g *gen) paths(tags, schemes []string) obj {
	paths := obj{}
	opIDs := map[string]bool{}
	firsts := map[string]bool{}
	for range g.between(2, 6) {
		tmpl, params := g.pathTemplate(firsts)
		item := obj{}
		var shared []any // path-level parameters
		if len(params) > 0 && g.chance(0.4) {
			for _, p := range params {
				shared = append(shared, g.pathParameter(p))
			}
			item["parameters"] = shared
		}
		for _, m := range pickN(g, methods, g.between(1, 3)) {
			item[m] = g.operation(m, params, shared != nil, tags, schemes, opIDs)
		}
		paths[tmpl] = item
	}
	return paths
}

// pathTemplate is 1-3 literal segments (the first unique among paths, so
// that no two templates are equivalent) and 0-2 parameters.
func (g *gen) pathTemplate(firsts map[string]bool) (string, []string) {
	first := unique(firsts, pick(g, segments))
	parts := []string{first}
	var params []string
	for _, p := range pickN(g, pathParams, g.between(0, 2)) {
		if g.chance(0.5) {
			parts = append(parts, pick(g, segments))
		}
		parts = append(parts, "{"+p+"}")
		params = append(params, p)
	}
	return "/" + strings.Join(parts, "/"), params
}

func (g *gen) operation(method string, pathParams []string, sharedParams bool, tags, schemes []string, opIDs map[string]bool) obj {
	op := obj{}
	if g.chance(0.85) {
		op["operationId"] = uniqueFolded(opIDs, pick(g, operationIDs))
	}
	if len(tags) > 0 && g.chance(0.8) {
		op["tags"] = []any{pick(g, tags)}
	}
	if g.chance(0.5) {
		op["summary"] = "Does " + method + " */ things"
	}
	shape := g.opShape(method)
	var params []any
	seen := map[string]bool{} // in + lower-case name
	if !sharedParams {
		for _, p := range pathParams {
			params = append(params, g.pathParameter(p))
			seen["path "+strings.ToLower(p)] = true
		}
	}
	var page *paging
	if shape == shapePaged {
		page = g.paging()
		for _, p := range page.params {
			params = append(params, p)
			seen["query "+p["name"].(string)] = true
		}
		if page.ext != nil {
			op["x-speakeasy-pagination"] = page.ext
		}
	}
	for range g.between(0, 4) {
		if p := g.parameter(seen); p != nil {
			params = append(params, p)
		}
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if method == "post" || method == "put" || method == "patch" {
		switch {
		case shape == shapeDual:
			op["requestBody"] = g.streamRequestBody()
		case g.chance(0.75):
			op["requestBody"] = g.requestBody()
		}
	}
	switch shape {
	case shapePaged:
		op["responses"] = g.errorResponses(obj{"200": obj{"description": "a page", "content": g.jsonContent(page.response)}})
	case shapeEvents:
		op["responses"] = g.errorResponses(obj{"200": obj{"description": "events", "content": obj{"text/event-stream": g.eventMedia()}}})
	case shapeDual:
		content := g.jsonContent(g.bodySchema())
		content["text/event-stream"] = g.eventMedia()
		op["responses"] = g.errorResponses(obj{"200": obj{"description": "JSON, or events when streamed", "content": content}})
	default:
		op["responses"] = g.responses()
	}
	if len(schemes) > 0 && g.chance(0.25) {
		if g.chance(0.3) {
			op["security"] = []any{}
		} else {
			op["security"] = g.securityRequirement(schemes)
		}
	}
	if g.chance(0.05) {
		op["deprecated"] = true
	}
	return op
}

// ---------------------------------------------------------------------------
// Parameters.

// paramSchema is a scalar, an enum, an array of scalars or an object of
// scalars; kinds limits which.
func (g *gen) paramSchema(kinds ...string) (obj, string) {
	k := pick(g, kinds)
	switch k {
	case "enum":
		return g.enum(), k
	case "array":
		var items obj
		if g.chance(0.3) {
			items = g.enum()
		} else {
			items = g.scalar()
		}
		return obj{"type": "array", "items": items}, k
	case "object":
		props := obj{}
		var required []any
		for _, n := range pickN(g, propNames, g.between(1, 3)) {
			if g.chance(0.3) {
				props[n] = g.enum()
			} else {
				props[n] = g.scalar()
			}
			if g.chance(0.3) {
				required = append(required, n)
			}
		}
		s := obj{"type": "object", "properties": props}
		if len(required) > 0 {
			s["required"] = required
		}
		return s, k
	}
	return g.scalar(), "scalar"
}

var allParamKinds = []string{"scalar", "scalar", "enum", "array", "object"}

func (g *gen) pathParameter(name string) obj {
	s, _ := g.paramSchema(allParamKinds...)
	p := obj{"name": name, "in": "path", "required": true, "schema": s}
	if g.chance(0.5) {
		p["style"] = pick(g, []string{"simple", "label", "matrix"})
		p["explode"] = g.chance(0.5)
	}
	g.paramExample(p, s)
	return p
}

// parameter is a query, header or cookie parameter of a style valid for its
// location and schema; nil when the drawn name is taken.
func (g *gen) parameter(seen map[string]bool) obj {
	var in, name string
	switch g.intn(6) {
	case 0, 1, 2:
		in, name = "query", pick(g, propNames)
	case 3, 4:
		in, name = "header", pick(g, headerNames)
	default:
		in, name = "cookie", pick(g, cookieNames)
	}
	key := in + " " + name
	if in == "header" {
		key = in + " " + strings.ToLower(name) // header names ignore case
	}
	if seen[key] {
		return nil
	}
	seen[key] = true
	p := obj{"name": name, "in": in}
	if g.chance(0.35) {
		p["required"] = true
	}
	if in != "cookie" && g.chance(0.12) {
		// A parameter carried as JSON.
		s := g.schema(2, false)
		p["content"] = obj{"application/json": obj{"schema": s}}
		return p
	}
	var s obj
	switch in {
	case "query":
		var k string
		s, k = g.paramSchema(allParamKinds...)
		switch {
		case k == "array" && g.chance(0.5):
			p["style"] = pick(g, []string{"spaceDelimited", "pipeDelimited"})
			p["explode"] = g.chance(0.3)
		case k == "object" && g.chance(0.5):
			p["style"] = "deepObject"
			p["explode"] = true
		case g.chance(0.4):
			p["style"] = "form"
			p["explode"] = g.chance(0.5)
		}
	case "header":
		s, _ = g.paramSchema(allParamKinds...)
		if g.chance(0.4) {
			p["style"] = "simple"
			p["explode"] = g.chance(0.5)
		}
	case "cookie":
		s, _ = g.paramSchema("scalar", "scalar", "enum", "array", "object")
		if g.chance(0.4) {
			p["style"] = "form"
			p["explode"] = g.chance(0.5)
		}
	}
	p["schema"] = s
	g.paramExample(p, s)
	return p
}

func (g *gen) paramExample(p, s obj) {
	if g.chance(0.15) {
		if v, ok := g.value(s, 0); ok {
			p["example"] = v
		}
	}
}

// ---------------------------------------------------------------------------
// Bodies and responses.

// bodySchema is a component reference (most often) or an inline schema.
func (g *gen) bodySchema() obj {
	switch g.intn(5) {
	case 0, 1, 2:
		if r, ok := g.componentRef(false); ok {
			return r
		}
		fallthrough
	case 3:
		s, _ := g.object(1, nil)
		return s
	default:
		return g.schema(1, false)
	}
}

// jsonContent is an application/json media type, sometimes with an example.
func (g *gen) jsonContent(s obj) obj {
	m := obj{"schema": s}
	if g.chance(0.2) {
		if v, ok := g.value(s, 0); ok {
			m["example"] = v
		}
	}
	return obj{"application/json": m}
}

func binaryContent() obj {
	return obj{"application/octet-stream": obj{"schema": obj{"type": "string", "format": "binary"}}}
}

// multipartSchema is an object with files (a binary string, sometimes a
// list of them, sometimes a union of a file and an object) among other
// properties.
func (g *gen) multipartSchema() obj {
	s, _ := g.object(1, nil)
	props, _ := s["properties"].(obj)
	if props == nil {
		props = obj{}
		s["properties"] = props
	}
	binary := obj{"type": "string", "format": "binary"}
	props["file"] = binary
	if g.chance(0.5) {
		s["required"] = append(asList(s["required"]), "file")
	}
	if g.chance(0.3) {
		props["attachments"] = obj{"type": "array", "items": binary}
	}
	if g.chance(0.2) {
		props["source"] = obj{"oneOf": []any{binary, obj{"type": "object", "properties": obj{"url": obj{"type": "string"}}}}}
	}
	return s
}

// asList is a schema's list value (nil: none).
func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func (g *gen) requestBody() obj {
	b := obj{}
	if g.chance(0.6) {
		b["required"] = true
	}
	switch {
	case g.chance(0.08):
		b["content"] = binaryContent()
	case g.chance(0.1):
		// A form body: an object's properties each travel as a form
		// parameter (a body that is not an object stays raw bytes).
		b["content"] = obj{"application/x-www-form-urlencoded": obj{"schema": g.bodySchema()}}
	case g.chance(0.1):
		b["content"] = obj{"multipart/form-data": obj{"schema": g.multipartSchema()}}
	case g.chance(0.08):
		// A choice of media types: JSON (the default), and a form or a
		// multipart body, of the same schema or another.
		s := g.bodySchema()
		c := g.jsonContent(s)
		switch {
		case g.chance(0.4):
			c["application/x-www-form-urlencoded"] = obj{"schema": s}
		case g.chance(0.5):
			c["multipart/form-data"] = obj{"schema": s}
		default:
			c["multipart/form-data"] = obj{"schema": g.multipartSchema()}
		}
		b["content"] = c
	default:
		b["content"] = g.jsonContent(g.bodySchema())
	}
	if g.chance(0.2) {
		b["description"] = "the body"
	}
	return b
}

// responses: a success with a JSON body, a 204, or both; sometimes error
// responses (4XX, 404, default) with a JSON body.
func (g *gen) responses() obj {
	rs := obj{}
	switch g.intn(6) {
	case 0:
		rs["204"] = obj{"description": "no content"}
	case 1:
		rs["200"] = obj{"description": "ok", "content": g.jsonContent(g.bodySchema())}
		rs["204"] = obj{"description": "no content"}
	case 2:
		rs["201"] = obj{"description": "created", "content": g.jsonContent(g.bodySchema())}
	case 3:
		if g.chance(0.3) {
			rs["200"] = obj{"description": "a file", "content": binaryContent()}
			break
		}
		fallthrough
	default:
		rs["200"] = obj{"description": "ok", "content": g.jsonContent(g.bodySchema())}
	}
	return g.errorResponses(rs)
}

// errorResponses adds to rs, at random, error responses (4XX, 404, 500,
// default) with a JSON body.
func (g *gen) errorResponses(rs obj) obj {
	for _, code := range []string{"4XX", "404", "500", "default"} {
		if g.chance(0.3) {
			rs[code] = obj{"description": "error " + code, "content": g.jsonContent(g.errorSchema())}
		}
	}
	return rs
}

// errorSchema: an object component when there is one, else an inline object.
func (g *gen) errorSchema() obj {
	var objs []*component
	for _, c := range g.comps {
		if c.kind == kObject {
			objs = append(objs, c)
		}
	}
	if len(objs) > 0 && g.chance(0.7) {
		return ref(pick(g, objs).key)
	}
	return obj{"type": "object", "properties": obj{"message": obj{"type": "string"}, "code": obj{"type": "integer"}}}
}
