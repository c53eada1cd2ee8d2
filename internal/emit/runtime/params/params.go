// Package params encodes operation parameters as the OpenAPI 3.0
// serialization table says (style, explode, allowReserved): the generated
// methods reduce each Go value to a Value without reflection, and these
// functions lay it out in the path, the query, a header or a cookie.
package params

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Style is a serialization style.
type Style int

// The styles of the OpenAPI 3.0 parameter serialization table.
const (
	Simple Style = iota
	Label
	Matrix
	Form
	SpaceDelimited
	PipeDelimited
	DeepObject
)

type kind int

const (
	kindNull kind = iota
	kindScalar
	kindList
	kindObject
)

// Value is a parameter value reduced to what the styles need: null, a
// scalar's text, a list, or an object's members in order.
type Value struct {
	kind  kind
	text  string
	items []Value
	keys  []string
	err   error
}

// Null is a null value (sent as an empty string).
func Null() Value { return Value{} }

// String is a string value.
func String(s string) Value { return Value{kind: kindScalar, text: s} }

// Int is an integer value.
func Int(i int64) Value { return String(strconv.FormatInt(i, 10)) }

// Float is a number value, in its shortest form.
func Float(f float64) Value { return String(strconv.FormatFloat(f, 'f', -1, 64)) }

// Bool is true or false.
func Bool(b bool) Value { return String(strconv.FormatBool(b)) }

// Time is a date-time value in RFC 3339 form.
func Time(t time.Time) Value { return String(t.Format(time.RFC3339Nano)) }

// JSON is v encoded as JSON text: the value of a parameter described by
// content (application/json), or a member too deep for its style.
func JSON(v any) Value {
	data, err := json.Marshal(v)
	if err != nil {
		return Value{err: err}
	}
	return String(string(data))
}

// Any is a value decoded from JSON (interface{}): strings, numbers and
// booleans are scalars, slices lists, maps objects (keys in order), nil
// null; any other type is sent as its JSON text.
func Any(v any) Value {
	switch x := v.(type) {
	case nil:
		return Null()
	case string:
		return String(x)
	case bool:
		return Bool(x)
	case float64:
		return Float(x)
	case float32:
		return Float(float64(x))
	case int:
		return Int(int64(x))
	case int64:
		return Int(x)
	case json.Number:
		return String(x.String())
	case []any:
		return List(x, Any)
	case map[string]any:
		return Map(x, Any)
	}
	return JSON(v)
}

// List is the items of vs, each reduced by f.
func List[T any](vs []T, f func(T) Value) Value {
	out := Value{kind: kindList, items: make([]Value, len(vs))}
	for i, v := range vs {
		out.items[i] = f(v)
	}
	return out
}

// Strings is a list of strings (or of a string enum).
func Strings[T ~string](vs []T) Value {
	return List(vs, func(v T) Value { return String(string(v)) })
}

// Ints is a list of integers (or of an integer enum).
func Ints[T ~int64](vs []T) Value { return List(vs, func(v T) Value { return Int(int64(v)) }) }

// Floats is a list of numbers (or of a number enum).
func Floats[T ~float64](vs []T) Value { return List(vs, func(v T) Value { return Float(float64(v)) }) }

// Bools is a list of booleans (or of a boolean enum).
func Bools[T ~bool](vs []T) Value { return List(vs, func(v T) Value { return Bool(bool(v)) }) }

// Map is the members of m in key order, each reduced by f.
func Map[T any](m map[string]T, f func(T) Value) Value {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := Object()
	for _, k := range keys {
		out = out.With(k, f(m[k]))
	}
	return out
}

// Object is an object without members; With adds them.
func Object() Value { return Value{kind: kindObject} }

// With returns o with the member key set to v, after the others.
func (o Value) With(key string, v Value) Value {
	o.keys = append(o.keys[:len(o.keys):len(o.keys)], key)
	o.items = append(o.items[:len(o.items):len(o.items)], v)
	return o
}

// Err is the first encoding error inside v (only JSON can fail: the
// generated code checks it for values that hold JSON).
func (v Value) Err() error {
	if v.err != nil {
		return v.err
	}
	for _, it := range v.items {
		if err := it.Err(); err != nil {
			return err
		}
	}
	return nil
}

// flat is v's text as a single string: members too deep for a style are
// sent as JSON.
func (v Value) flat() string {
	switch v.kind {
	case kindScalar:
		return v.text
	case kindList:
		parts := make([]string, len(v.items))
		for i, it := range v.items {
			parts[i] = it.flat()
		}
		data, _ := json.Marshal(parts)
		return string(data)
	case kindObject:
		var b strings.Builder
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(k)
			val, _ := json.Marshal(v.items[i].flat())
			b.Write(key)
			b.WriteByte(':')
			b.Write(val)
		}
		b.WriteByte('}')
		return b.String()
	}
	return ""
}

// escape percent-encodes s, keeping the unreserved characters of RFC 3986
// and, when reserved is true, the reserved ones that cannot break the
// parameter's syntax (& = # + stay encoded).
func escape(s string, reserved bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		case reserved && strings.IndexByte(":/?[]@!$'()*,;", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// joined lays out a list or an object's members with sep: 3,4,5 or
// role,admin,firstName,Alex; with explode, objects are role=admin,...
func joined(v Value, sep string, explode bool, esc func(string) string) string {
	switch v.kind {
	case kindList:
		parts := make([]string, len(v.items))
		for i, it := range v.items {
			parts[i] = esc(it.flat())
		}
		return strings.Join(parts, sep)
	case kindObject:
		var parts []string
		for i, k := range v.keys {
			if explode {
				parts = append(parts, esc(k)+"="+esc(v.items[i].flat()))
			} else {
				parts = append(parts, esc(k), esc(v.items[i].flat()))
			}
		}
		return strings.Join(parts, sep)
	}
	return esc(v.flat())
}

// Path is the text that replaces {name} in a path template, escaped:
// simple 3,4,5; label .3.4.5; matrix ;id=3;id=4.
func Path(style Style, explode bool, name string, v Value) string {
	esc := func(s string) string { return escape(s, false) }
	switch style {
	case Label:
		// RFC 6570 label expansion: .blue,black,brown and .R,100,G,200;
		// exploded .blue.black.brown and .R=100.G=200. (The 3.0.3 table
		// prints dots for the first two, which RFC 6570 and kin-openapi's
		// validator do not: for objects it refuses them.)
		sep := ","
		if explode {
			sep = "."
		}
		return "." + joined(v, sep, explode, esc)
	case Matrix:
		switch {
		case v.kind == kindList && explode:
			var b strings.Builder
			for _, it := range v.items {
				b.WriteString(";" + esc(name) + "=" + esc(it.flat()))
			}
			return b.String()
		case v.kind == kindObject && explode:
			return ";" + joined(v, ";", true, esc)
		case v.kind == kindNull:
			return ";" + esc(name)
		}
		return ";" + esc(name) + "=" + joined(v, ",", false, esc)
	}
	return joined(v, ",", explode, esc)
}

// Header is a header's value (style simple): 3,4,5, role,admin or
// role=admin with explode.
func Header(explode bool, v Value) string {
	return joined(v, ",", explode, func(s string) string { return s })
}

// Pair is one name=value of a query or of cookies.
type Pair struct{ Name, Value string }

// Query collects query parameters in the order they are added.
type Query struct {
	parts []string
}

// Add lays out the parameter name with value v in style, explode and
// allowReserved.
func (q *Query) Add(style Style, explode, allowReserved bool, name string, v Value) {
	esc := func(s string) string { return escape(s, allowReserved) }
	key := escape(name, false)
	switch {
	case style == DeepObject && (v.kind == kindObject || v.kind == kindList):
		// Nested all the way down, as payment APIs read forms:
		// items[0][price]=p&items[0][quantity]=2.
		q.deep(key, v, esc)
	case (style == SpaceDelimited || style == PipeDelimited) && (v.kind == kindList || v.kind == kindObject) && !explode:
		sep := "%20"
		if style == PipeDelimited {
			sep = "|"
		}
		q.parts = append(q.parts, key+"="+joined(v, sep, false, esc))
	case v.kind == kindList && explode:
		for _, it := range v.items {
			q.parts = append(q.parts, key+"="+esc(it.flat()))
		}
	case v.kind == kindObject && explode:
		for i, k := range v.keys {
			member := v.items[i]
			if member.kind == kindList {
				for _, it := range member.items {
					q.parts = append(q.parts, escape(k, false)+"="+esc(it.flat()))
				}
				continue
			}
			q.parts = append(q.parts, escape(k, false)+"="+esc(member.flat()))
		}
	default:
		q.parts = append(q.parts, key+"="+joined(v, ",", false, esc))
	}
}

// deep adds the members of an object in deepObject style: key[member]=v,
// key[member][0]=v for lists, key[member][inner]=v for objects.
func (q *Query) deep(key string, v Value, esc func(string) string) {
	switch v.kind {
	case kindObject:
		for i, k := range v.keys {
			q.deep(key+"["+escape(k, false)+"]", v.items[i], esc)
		}
	case kindList:
		for i, it := range v.items {
			q.deep(key+"["+strconv.Itoa(i)+"]", it, esc)
		}
	default:
		q.parts = append(q.parts, key+"="+esc(v.flat()))
	}
}

// Set adds name=value as it is (an API key, say).
func (q *Query) Set(name, value string) {
	q.parts = append(q.parts, escape(name, false)+"="+escape(value, false))
}

// Encode is the query string, parameters in the order they were added.
func (q *Query) Encode() string { return strings.Join(q.parts, "&") }

// EncodeForm is the same pairs as an application/x-www-form-urlencoded
// body: every character but letters, digits and -._~ percent-encoded (a
// space is +), as the form encoding requires and a URL query does not.
func (q *Query) EncodeForm() string {
	var b strings.Builder
	for i, p := range q.parts {
		if i > 0 {
			b.WriteByte('&')
		}
		k, v, _ := strings.Cut(p, "=")
		b.WriteString(formEscape(k))
		b.WriteByte('=')
		b.WriteString(formEscape(v))
	}
	return b.String()
}

// formEscape re-encodes a query-escaped string for a form body.
func formEscape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	return url.QueryEscape(s)
}

// Cookies are the cookies of a parameter in style form: one name=3,4,5,
// or with explode one cookie per item (objects: one per member).
func Cookies(explode bool, name string, v Value) []Pair {
	id := func(s string) string { return s }
	switch {
	case v.kind == kindList && explode:
		out := make([]Pair, len(v.items))
		for i, it := range v.items {
			out[i] = Pair{name, it.flat()}
		}
		return out
	case v.kind == kindObject && explode:
		out := make([]Pair, len(v.keys))
		for i, k := range v.keys {
			out[i] = Pair{k, v.items[i].flat()}
		}
		return out
	}
	return []Pair{{name, joined(v, ",", false, id)}}
}

// WithAll returns o with the members of m added after its own.
func (o Value) WithAll(m Value) Value {
	for i, k := range m.keys {
		o = o.With(k, m.items[i])
	}
	return o
}

// AddCookies adds the pairs to h's Cookie header. Values keep the commas of
// form style (net/http would quote them); bytes a cookie cannot hold
// (controls, space, '"', ';', '\\', non-ASCII) are percent-encoded.
func AddCookies(h http.Header, pairs []Pair) {
	for _, p := range pairs {
		c := cookieEscape(p.Name) + "=" + cookieEscape(p.Value)
		if prev := h.Get("Cookie"); prev != "" {
			c = prev + "; " + c
		}
		h.Set("Cookie", c)
	}
}

func cookieEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == ';' || c == '\\' || c == '%' || c == '=' {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
