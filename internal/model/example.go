package model

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// OpExample is the example call of an operation: what docs snippets show and
// contract tests send.
type OpExample struct {
	Body   *Value   // nil: no body
	Params []*Value // parallel to Operation.Params; nil: parameter left out
}

// Example value rules (in this order, first that applies):
//  1. the spec's own example at the use site (media type, parameter, property),
//  2. the example of the schema used there (a component's example),
//  3. the default (at the use site, then of the schema),
//  4. the first enum value,
//  5. a placeholder seeded by the value's path in the request
//     ("sessionsCreate.body.settings.session_length"), which respects type,
//     format, pattern, length and min/max, so the same spec gives the same
//     bytes on every machine.
//
// An object example given in the spec is kept as written (its keys, in its
// order), completed with required fields it lacks. Built objects carry every
// field except readOnly ones (requests never send those). Arrays built from
// nothing get one item, or minItems items. A struct type met again inside itself is left out
// when optional; required recursion stops at depth 3.

// ChooseExamples fills Example on every operation of the API.
func ChooseExamples(api *API) {
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			op.Example = exampleCall(op)
		}
	}
}

func exampleCall(op *Operation) *OpExample {
	ex := &OpExample{}
	root := opLabelName(op)
	if b := op.Body; b != nil && b.Encoding != BodyBytes {
		e := &exampler{seen: map[*Type]int{}}
		ex.Body = e.value(b.Type, b.Example, nil, root+".body")
	} else if b != nil {
		ex.Body = &Value{Kind: ValString, String: "example"}
		if b.Example != nil && b.Example.Kind == ValString {
			ex.Body = b.Example
		}
	}
	for _, p := range op.Params {
		e := &exampler{seen: map[*Type]int{}}
		explicit := p.Example
		if explicit == nil && p.In == InHeader && strings.EqualFold(p.Name, "Content-Type") && p.Type.Kind == KindString {
			// A Content-Type parameter sets the body's media type: it must be one.
			ct := "application/octet-stream"
			if op.Body != nil && op.Body.WireType != "" {
				ct = op.Body.WireType
			}
			explicit = &Value{Kind: ValString, String: ct}
		}
		ex.Params = append(ex.Params, e.value(p.Type, explicit, nil, root+"."+string(p.In)+"."+p.Name))
	}
	return ex
}

func opLabelName(op *Operation) string {
	if op.ID != "" {
		return op.ID
	}
	return op.GoName
}

// SecurityPlaceholder is the credential snippets show for a scheme field:
// "YOUR_API_KEY_HERE" for APIKey.
func SecurityPlaceholder(goName string) string {
	words := Words(goName)
	for i, w := range words {
		words[i] = strings.ToUpper(w)
	}
	return "YOUR_" + strings.Join(words, "_") + "_HERE"
}

type exampler struct {
	seen map[*Type]int // struct types on the current path, with depth
}

// value picks the example of type t at path, given the site's explicit
// example and default.
func (e *exampler) value(t *Type, explicit, def *Value, path string) *Value {
	for _, cand := range []*Value{explicit, t.Example, def, t.Default} {
		if cand != nil && cand.Kind != ValNull && Compatible(t, cand) {
			return e.normalize(t, cand, path)
		}
	}
	return e.build(t, path)
}

// normalize walks a spec-given value through its type: objects for structs
// are completed with missing required fields; unions record their variant.
func (e *exampler) normalize(t *Type, v *Value, path string) *Value {
	switch t.Kind {
	case KindStruct:
		if e.seen[t] >= 3 {
			return v
		}
		e.seen[t]++
		defer func() { e.seen[t]-- }()
		out := &Value{Kind: ValObject}
		extra := &Value{Kind: ValObject}
		for i, k := range v.Keys {
			f := t.FieldByName(k)
			if f == nil {
				extra.Keys = append(extra.Keys, k)
				extra.Fields = append(extra.Fields, v.Fields[i])
				continue
			}
			if f.ReadOnly {
				continue
			}
			out.Keys = append(out.Keys, k)
			out.Fields = append(out.Fields, e.fieldValue(f, v.Fields[i], path+"."+k))
		}
		// Undeclared keys go to AdditionalProperties when the struct has one
		// (otherwise the Go struct cannot carry them).
		if x := t.ExtraField(); x != nil && len(extra.Keys) > 0 && Compatible(x.Type, extra) {
			out.Extra = e.normalize(x.Type, extra, path)
		}
		for _, f := range t.Fields {
			if f.Kind == FieldProperty && !f.Optional && !f.ReadOnly && out.Get(f.Name) == nil {
				out.Keys = append(out.Keys, f.Name)
				out.Fields = append(out.Fields, e.value(f.Type, f.Example, f.Default, path+"."+f.Name))
			}
		}
		return out
	case KindArray:
		out := &Value{Kind: ValArray}
		for i, item := range v.Items {
			if item.Kind == ValNull && t.ElemNullable {
				out.Items = append(out.Items, item)
				continue
			}
			out.Items = append(out.Items, e.value(t.Elem, item, nil, fmt.Sprintf("%s[%d]", path, i)))
		}
		return out
	case KindMap:
		out := &Value{Kind: ValObject}
		for i, k := range v.Keys {
			out.Keys = append(out.Keys, k)
			if v.Fields[i].Kind == ValNull && t.ElemNullable {
				out.Fields = append(out.Fields, v.Fields[i])
				continue
			}
			out.Fields = append(out.Fields, e.value(t.Elem, v.Fields[i], nil, path+"."+k))
		}
		return out
	case KindUnion:
		if i := PickVariant(t, v); i >= 0 {
			out := e.normalize(t.Variants[i].Type, v, path)
			cp := *out
			cp.Variant = i + 1
			if t.AnyOf && v.Kind == ValObject && t.Variants[i].Type.Kind == KindStruct {
				// The other object alternatives whose properties it has.
				for j, vr := range t.Variants {
					if j != i && vr.Type.Kind == KindStruct && Compatible(vr.Type, v) && declaredKeys(vr.Type, v) > 0 {
						cp.More = append(cp.More, j+1)
					}
				}
				if len(cp.More) > 0 {
					// Keep every key: each alternative prints its own.
					merged := *v
					merged.Variant, merged.More = cp.Variant, cp.More
					return &merged
				}
			}
			return &cp
		}
	}
	return v
}

// declaredKeys counts the keys of object v that struct t declares.
func declaredKeys(t *Type, v *Value) int {
	n := 0
	for _, k := range v.Keys {
		if t.FieldByName(k) != nil {
			n++
		}
	}
	return n
}

// PickVariant is the alternative of union t that value v takes: the one
// its discriminator names, else the compatible one that declares most of
// its keys (the first among equals; a file last); -1 when none fits.
func PickVariant(t *Type, v *Value) int {
	if t.Discriminator != "" {
		if tag := v.Get(t.Discriminator); tag != nil && tag.Kind == ValString {
			for i, vr := range t.Variants {
				if slices.Contains(vr.Tags, tag.String) && Compatible(vr.Type, v) {
					return i
				}
			}
		}
	}
	best, score := -1, -2
	for i, vr := range t.Variants {
		if !Compatible(vr.Type, v) {
			continue
		}
		n := 0
		switch {
		case vr.Type.Kind == KindStruct && v.Kind == ValObject:
			n = declaredKeys(vr.Type, v)
		case vr.Type.Kind == KindFile:
			n = -1 // a text is a file's content only when nothing else fits
		}
		if n > score {
			best, score = i, n
		}
	}
	return best
}

// fieldValue is the value of a struct field given the value the spec wrote
// for it inside an object example.
func (e *exampler) fieldValue(f *Field, given *Value, path string) *Value {
	if given != nil && given.Kind == ValNull && (f.Nullable || f.Optional) {
		return given
	}
	return e.value(f.Type, given, f.Default, path)
}

// build makes a value from the type alone. Types already on the path
// (recursion through structs, unions, arrays and maps) are cut.
func (e *exampler) build(t *Type, path string) *Value {
	switch t.Kind {
	case KindArray, KindMap, KindUnion:
		e.seen[t]++
		defer func() { e.seen[t]-- }()
	}
	switch t.Kind {
	case KindStruct:
		if e.seen[t] >= 3 {
			return &Value{Kind: ValObject}
		}
		e.seen[t]++
		defer func() { e.seen[t]-- }()
		out := &Value{Kind: ValObject}
		others := otherAlternatives(t)
		for _, f := range t.Fields {
			if f.ReadOnly || f.Kind == FieldExtra {
				continue // no invented additional properties
			}
			if f.Optional && (e.recursive(f.Type) || others[f.Name]) {
				continue
			}
			out.Keys = append(out.Keys, f.Name)
			out.Fields = append(out.Fields, e.value(f.Type, f.Example, f.Default, path+"."+f.Name))
		}
		return out
	case KindArray:
		if e.recursive(t.Elem) {
			return &Value{Kind: ValArray}
		}
		out := &Value{Kind: ValArray}
		for i := 0; i < max(1, int(min(t.MinItems, 100))); i++ {
			out.Items = append(out.Items, e.value(t.Elem, nil, nil, fmt.Sprintf("%s[%d]", path, i)))
		}
		return out
	case KindMap:
		if e.recursive(t.Elem) {
			return &Value{Kind: ValObject}
		}
		return &Value{Kind: ValObject, Keys: []string{"key"}, Fields: []*Value{e.value(t.Elem, nil, nil, path+".key")}}
	case KindUnion:
		if len(t.Variants) == 0 {
			return &Value{Kind: ValNull}
		}
		for i, vr := range t.Variants {
			if vr.Type.Kind == KindFile && i < len(t.Variants)-1 {
				continue // an upload's other alternative reads better
			}
			if !e.recursive(vr.Type) || i == len(t.Variants)-1 {
				out := e.value(vr.Type, nil, nil, path)
				cp := *out
				cp.Variant = i + 1
				return &cp
			}
		}
	case KindEnum:
		if len(t.Values) > 0 {
			return t.Values[0].JSONValue(t.EnumBase)
		}
		return &Value{Kind: ValString, String: word(hash(path))}
	}
	return Placeholder(t, path)
}

// recursive reports whether t (or the struct an array/map holds) is a struct
// already on the current path.
func (e *exampler) recursive(t *Type) bool {
	visited := map[*Type]bool{}
	for t != nil && (t.Kind == KindArray || t.Kind == KindMap) {
		if e.seen[t] > 0 || visited[t] {
			return true // on the path, or an array or map of itself (type L []L)
		}
		visited[t] = true
		t = t.Elem
	}
	return t != nil && e.seen[t] > 0
}

// FieldByName finds a struct field by its JSON name.
func (t *Type) FieldByName(name string) *Field {
	for _, f := range t.Fields {
		if f.Kind == FieldProperty && f.Name == name {
			return f
		}
	}
	return nil
}

// Get returns the value of key in an object value, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil {
		return nil
	}
	for i, k := range v.Keys {
		if k == key {
			return v.Fields[i]
		}
	}
	return nil
}

// Compatible reports whether a spec value fits type t (so it can be shown
// as a Go literal of t).
func Compatible(t *Type, v *Value) bool {
	if v == nil {
		return false
	}
	switch t.Kind {
	case KindString, KindDate, KindBytes, KindFile:
		return v.Kind == ValString
	case KindTime:
		if v.Kind != ValString {
			return false
		}
		_, err := time.Parse(time.RFC3339Nano, v.String)
		return err == nil
	case KindInt:
		if v.Kind != ValNumber {
			return false
		}
		_, err := strconv.ParseInt(v.Number, 10, 64)
		return err == nil
	case KindFloat:
		return v.Kind == ValNumber
	case KindBool:
		return v.Kind == ValBool
	case KindEnum:
		switch t.EnumBase {
		case KindInt, KindFloat:
			return v.Kind == ValNumber
		case KindBool:
			return v.Kind == ValBool
		}
		return v.Kind == ValString
	case KindArray:
		if v.Kind != ValArray {
			return false
		}
		for _, it := range v.Items {
			if it.Kind != ValNull && !Compatible(t.Elem, it) {
				return false
			}
		}
		return true
	case KindMap:
		if v.Kind != ValObject {
			return false
		}
		for _, f := range v.Fields {
			if f.Kind != ValNull && !Compatible(t.Elem, f) {
				return false
			}
		}
		return true
	case KindStruct:
		if v.Kind != ValObject {
			return false
		}
		for i, k := range v.Keys {
			f := t.FieldByName(k)
			if f == nil || v.Fields[i].Kind == ValNull {
				continue
			}
			if !Compatible(f.Type, v.Fields[i]) {
				return false
			}
		}
		return true
	case KindUnion:
		for _, vr := range t.Variants {
			if Compatible(vr.Type, v) {
				return true
			}
		}
		return false
	}
	return true // any, raw
}

func hash(path string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(path))
	return h.Sum64()
}

// words are the placeholder vocabulary (deterministic, seeded by path).
var words = []string{
	"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
	"india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa",
	"quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "yankee",
}

func word(h uint64) string { return words[h%uint64(len(words))] }

// Placeholder makes a value of a primitive type from its path alone.
func Placeholder(t *Type, path string) *Value {
	h := hash(path)
	switch t.Kind {
	case KindInt:
		return &Value{Kind: ValNumber, Number: strconv.FormatInt(intIn(t, h), 10)}
	case KindFloat:
		f := float64(intIn(t, h))
		if t.Min == nil && t.Max == nil {
			f += 0.5
		}
		return &Value{Kind: ValNumber, Number: strconv.FormatFloat(f, 'f', -1, 64)}
	case KindBool:
		return &Value{Kind: ValBool, Bool: h%2 == 0}
	case KindTime:
		return &Value{Kind: ValString, String: seededDay(h).Add(time.Duration(h%24) * time.Hour).Format(time.RFC3339)}
	case KindDate:
		return &Value{Kind: ValString, String: seededDay(h).Format("2006-01-02")}
	case KindString, KindBytes:
		return &Value{Kind: ValString, String: stringFor(t, h)}
	case KindFile:
		// A file's content.
		return &Value{Kind: ValString, String: "example"}
	case KindAny:
		return &Value{Kind: ValString, String: word(h)}
	}
	return &Value{Kind: ValNull}
}

// seededDay is a day of 2024 chosen by h.
func seededDay(h uint64) time.Time {
	return time.Date(2024, time.Month(1+h%12), int(1+h%28), 0, 0, 0, 0, time.UTC)
}

// intIn picks an integer within the type's bounds.
func intIn(t *Type, h uint64) int64 {
	lo, hi := int64(1), int64(1000)
	if t.Min != nil {
		lo = int64(math.Ceil(*t.Min))
		if t.ExclusiveMin && float64(lo) == *t.Min {
			lo++
		}
		if t.Max == nil {
			hi = lo + 999
		}
	}
	if t.Max != nil {
		hi = int64(math.Floor(*t.Max))
		if t.ExclusiveMax && float64(hi) == *t.Max {
			hi--
		}
		if t.Min == nil && hi < lo {
			lo = hi - 999
		}
	}
	if hi < lo {
		return lo
	}
	return lo + int64(h%uint64(hi-lo+1))
}

func stringFor(t *Type, h uint64) string {
	var s string
	switch t.Format {
	case "email":
		s = word(h) + "@example.com"
	case "uri", "url":
		s = "https://example.com/" + word(h)
	case "uuid":
		s = fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(h), uint16(h>>32), uint16(h>>48)&0xfff, uint16(h>>8)&0xfff, h&0xffffffffffff)
	case "date-time":
		s = seededDay(h).Format(time.RFC3339)
	case "date":
		s = seededDay(h).Format("2006-01-02")
	case "ipv4":
		s = fmt.Sprintf("192.0.2.%d", 1+h%254)
	case "hostname":
		s = word(h) + ".example.com"
	default:
		s = word(h)
	}
	if t.Pattern != "" {
		if m, ok := matchPattern(t.Pattern, h); ok {
			s = m
		}
	}
	min := int(t.MinLength)
	for len([]rune(s)) < min {
		s += word(h)
	}
	if t.MaxLength != nil && len([]rune(s)) > int(*t.MaxLength) {
		s = string([]rune(s)[:*t.MaxLength])
	}
	return s
}

// PatternExample returns a string matching pattern (a regular expression as
// OpenAPI writes them), or false when none could be built.
func PatternExample(pattern string) (string, bool) { return matchPattern(pattern, 0) }

// matchPattern builds a string matching a regular expression: the first
// branch of each alternation, the minimum count of each repetition (one for
// "*" and "+" when that keeps it non-empty), the first rune of each class.
func matchPattern(pattern string, h uint64) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	if !writeMatch(&b, re.Simplify(), 0) {
		return "", false
	}
	out := b.String()
	if ok, err := regexp.MatchString(pattern, out); err != nil || !ok {
		return "", false
	}
	return out, true
}

func writeMatch(b *strings.Builder, re *syntax.Regexp, depth int) bool {
	if depth > 100 {
		return false
	}
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return false
		}
		r := re.Rune[0]
		// Prefer a letter or digit inside the class when there is one.
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for c := re.Rune[i]; c <= re.Rune[i+1] && c < re.Rune[i]+128; c++ {
				if unicode.IsLetter(c) || unicode.IsDigit(c) {
					r = c
					goto found
				}
			}
		}
	found:
		b.WriteRune(r)
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
	case syntax.OpCapture:
		return writeMatch(b, re.Sub[0], depth+1)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !writeMatch(b, s, depth+1) {
				return false
			}
		}
	case syntax.OpAlternate:
		return writeMatch(b, re.Sub[0], depth+1)
	case syntax.OpStar, syntax.OpQuest:
		// zero repetitions
	case syntax.OpPlus:
		return writeMatch(b, re.Sub[0], depth+1)
	case syntax.OpRepeat:
		for i := 0; i < re.Min; i++ {
			if !writeMatch(b, re.Sub[0], depth+1) {
				return false
			}
		}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
	default:
		return false
	}
	return true
}

// ValueJSON renders a value as JSON text (object keys in order).
func ValueJSON(v *Value) string {
	var b strings.Builder
	writeJSON(&b, v)
	return b.String()
}

func writeJSON(b *strings.Builder, v *Value) {
	if v == nil {
		b.WriteString("null")
		return
	}
	switch v.Kind {
	case ValNull:
		b.WriteString("null")
	case ValBool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case ValNumber:
		b.WriteString(v.Number)
	case ValString:
		data, _ := json.Marshal(v.String)
		b.Write(data)
	case ValArray:
		b.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, it)
		}
		b.WriteByte(']')
	case ValObject:
		b.WriteByte('{')
		for i, k := range v.Keys {
			if i > 0 {
				b.WriteByte(',')
			}
			data, _ := json.Marshal(k)
			b.Write(data)
			b.WriteByte(':')
			writeJSON(b, v.Fields[i])
		}
		b.WriteByte('}')
	}
}

// ScalarText is the text of a scalar value: a string as it is, a number's
// JSON text, true or false.
func ScalarText(v *Value) string {
	switch v.Kind {
	case ValNumber:
		return v.Number
	case ValBool:
		return strconv.FormatBool(v.Bool)
	}
	return v.String
}

// JSONValue is the enum value as a spec value of an enum of base kind.
func (ev *EnumValue) JSONValue(base Kind) *Value {
	switch base {
	case KindInt, KindFloat:
		return &Value{Kind: ValNumber, Number: ev.Value}
	case KindBool:
		return &Value{Kind: ValBool, Bool: ev.Value == "true"}
	}
	return &Value{Kind: ValString, String: ev.Value}
}

// otherAlternatives are the names only the second and later of a struct's
// required-only oneOf alternatives require: an example that set them would
// match several alternatives.
func otherAlternatives(t *Type) map[string]bool {
	if len(t.OneOfRequired) < 2 {
		return nil
	}
	first := map[string]bool{}
	for _, n := range t.OneOfRequired[0] {
		first[n] = true
	}
	out := map[string]bool{}
	for _, group := range t.OneOfRequired[1:] {
		for _, n := range group {
			if !first[n] {
				out[n] = true
			}
		}
	}
	return out
}
