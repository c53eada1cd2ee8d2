package model

// Kind tags a Type.
type Kind int

const (
	KindString Kind = iota // string (formats uri, email, ... stay strings)
	KindInt                // int64 (Format "int32" keeps int64 for the reference surface)
	KindFloat              // float64
	KindBool               // bool
	KindTime               // time.Time (format date-time)
	KindDate               // string holding a date (format date), kept a string
	KindBytes              // []byte (format binary / byte), bodies only
	KindAny                // interface{} (a schema without type)
	KindRaw                // json.RawMessage: the escape hatch for untypeable shapes
	KindArray              // []Elem
	KindMap                // map[string]Elem
	KindStruct             // named struct with Fields
	KindEnum               // named string (or int64) type with Values
	KindUnion              // named struct holding one of Variants
	KindStream             // io.ReadCloser: a response body (a download) handed to the caller unread
	// KindEventStream is *sse.Stream[Elem]: a text/event-stream body handed
	// to the caller unread, each event's data decoded as JSON into Elem (a
	// string Elem: the data as text).
	KindEventStream
	// KindFile is types.File (a name, a content type and an io.Reader): a
	// binary property of a multipart body, streamed as its own part.
	KindFile
)

var kindNames = [...]string{"string", "int", "float", "bool", "time", "date", "bytes", "any", "raw", "array", "map", "struct", "enum", "union", "stream", "event stream", "file"}

func (k Kind) String() string { return kindNames[k] }

// Package names of the generated module.
const (
	PkgShared     = "shared"
	PkgOperations = "operations"
)

// Type is one Go type of the generated SDK. Named types (Name != "") are
// declared once, in Pkg/File; unnamed ones (primitives, arrays, maps) are
// spelled in place.
type Type struct {
	Kind Kind
	Name string // Go name; "" for unnamed types
	Pkg  string // PkgShared or PkgOperations, for named types
	File string // file name in Pkg where the declaration goes ("session.go")
	// DocPage is the model's page under docs/models ("shared/session.md").
	DocPage string

	SchemaName string // the component key this type comes from, "" for inline types
	// Loc is the type's location, where its name is decided (see
	// model/naming.go): the JSON pointer of its schema
	// ("#/components/schemas/Pet", "#/components/schemas/Pet/properties/status",
	// "#/paths/~1pets/get/responses/200/content/application~1json/schema"),
	// "#input" after it for a readOnly-free twin, an operation's pointer and
	// "#request", "#response" or "#security" for its structs. Its members
	// are named in MemberScope(Loc).
	Loc         string
	Description string
	Format      string // the spec's format, kept for docs and placeholders
	Pos         Pos

	// KindArray, KindMap: the element type, and whether elements may be
	// null (then held as ElemPresence says).
	Elem         *Type
	ElemNullable bool

	// KindEnum: the base kind (KindString, KindInt, KindFloat or KindBool)
	// and the values in spec order (a null among them makes the use sites
	// nullable, not a constant).
	EnumBase Kind
	Values   []*EnumValue

	// KindStruct: fields sorted by GoName.
	Fields []*Field

	// KindUnion: the alternatives, and the discriminator property when there is one.
	Variants      []*Variant
	Discriminator string
	// AnyOf marks a union from anyOf: a value may take several object
	// alternatives at once (their properties merged).
	AnyOf bool

	// Constraints, for docs and example placeholders.
	Pattern  string
	Min, Max *float64
	// OneOfRequired lists, for a struct whose oneOf alternatives only
	// require properties ({required: [a]}, {required: [b]}), each
	// alternative's names: a value must satisfy exactly one, so examples
	// set the first's and leave out those only the others require.
	OneOfRequired [][]string
	// ExclusiveMin/Max: the bound itself is not allowed.
	ExclusiveMin, ExclusiveMax bool
	MinLength                  uint64
	MaxLength                  *uint64
	MinItems                   uint64
	Example                    *Value
	Default                    *Value
}

// IsNamed reports whether the type is declared (rather than spelled in place).
func (t *Type) IsNamed() bool { return t != nil && t.Name != "" }

// IsScalar reports whether values of t are single Go scalars (pointer-able
// with the sdk helpers).
func (t *Type) IsScalar() bool {
	switch t.Kind {
	case KindString, KindInt, KindFloat, KindBool, KindTime, KindDate, KindEnum:
		return true
	}
	return false
}

// FieldKind tells a struct field's role.
type FieldKind int

const (
	// FieldProperty is a declared property, carried under its JSON Name.
	FieldProperty FieldKind = iota
	// FieldExtra holds the properties the schema does not declare (a map,
	// merged with the others by the struct's MarshalJSON and UnmarshalJSON).
	// It has no JSON name.
	FieldExtra
)

// Field is one property of a struct.
type Field struct {
	Kind        FieldKind
	Name        string // JSON name ("" for FieldExtra)
	GoName      string
	Getter      string // the getter method's name ("GetName"), claimed with the field names
	Type        *Type
	Optional    bool // may be absent
	Nullable    bool // may be null
	ReadOnly    bool
	WriteOnly   bool
	Deprecated  bool
	Default     *Value
	Example     *Value
	Description string
	Pos         Pos
	// Loc is its member location in the struct's scope: "field:<json
	// name>", "field:*" for the additional properties.
	Loc string
	// Presence is how the struct holds the value (see DecidePresence).
	Presence Presence
	// Scheme is set on the fields of security structs: what the value is for.
	Scheme *SecurityScheme
}

// ExtraField returns the struct's FieldExtra field, or nil.
func (t *Type) ExtraField() *Field {
	for _, f := range t.Fields {
		if f.Kind == FieldExtra {
			return f
		}
	}
	return nil
}

// EnumValue is one allowed value of an enum.
type EnumValue struct {
	Value  string // the value as written (strings verbatim, numbers in JSON text)
	GoName string // constant name ("UnifiedAPIIDEnumCrm")
	Pos    Pos
	// Loc is the constant's location: its type's, then "/enum/<value>".
	Loc string
}

// Variant is one alternative of a union.
type Variant struct {
	GoName string // field name ("Session")
	Getter string // accessor name ("GetSession")
	// Loc is its member location in the union's scope, "variant:<wanted
	// name>".
	Loc      string
	Type     *Type
	Presence Presence
	// Tags are the discriminator values that select this variant.
	Tags []string
}

// ValueKind tags a Value.
type ValueKind int

const (
	ValNull ValueKind = iota
	ValBool
	ValNumber
	ValString
	ValArray
	ValObject
)

// Value is a JSON value from the spec (an example or a default), with object
// keys kept in the spec's order.
type Value struct {
	Kind   ValueKind
	Bool   bool
	Number string // JSON text of a number
	String string
	Items  []*Value // ValArray
	Keys   []string // ValObject, in order
	Fields []*Value // ValObject, parallel to Keys
	// Variant is, for a value of a union type, 1 + the index of the
	// alternative it takes (0 otherwise).
	Variant int
	// More are, for a value of an anyOf union that takes several object
	// alternatives, the others (1 + index each).
	More []int
	// Extra is, for a value of a struct with a FieldExtra field, the
	// properties that struct does not declare (an object), or nil.
	Extra *Value
}

// Reach marks t and every type its values hold (fields, alternatives,
// elements) in seen.
func Reach(t *Type, seen map[*Type]bool) {
	if t == nil || seen[t] {
		return
	}
	seen[t] = true
	Reach(t.Elem, seen)
	for _, f := range t.Fields {
		Reach(f.Type, seen)
	}
	for _, v := range t.Variants {
		Reach(v.Type, seen)
	}
}

// IsFiles reports whether t is a file of a multipart body, or a list of
// them.
func (t *Type) IsFiles() bool {
	return t.Kind == KindFile || (t.Kind == KindArray && t.Elem.Kind == KindFile)
}
