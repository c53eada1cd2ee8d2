// Package model is gen's intermediate representation of an API: plain Go
// values with every decision already taken (Go names, file names, order,
// optional/nullable, defaults, examples, positions). The parser builds it;
// the emitters only walk it. It imports nothing from kin-openapi.
package model

import "fmt"

// Pos is a location in a spec file. The zero Pos means "unknown".
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	if p.File == "" && p.Line == 0 {
		return "-"
	}
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is a located message about the spec: an error or a warning.
type Diagnostic struct {
	Pos     Pos
	Message string
	// Kind names a warning's kind ("example", "default", "untyped", ...),
	// for the summary and for -strict.
	Kind string
}

func (d Diagnostic) String() string { return d.Pos.String() + ": " + d.Message }

// API is the whole generated surface.
type API struct {
	Title       string
	Version     string
	Description string
	Servers     []Server
	// ServerVariables are the variables of every server URL, by name, in
	// order of appearance.
	ServerVariables []*ServerVariable

	// Services are sorted by GoName; each holds its operations sorted by GoName.
	Services []*Service
	// Types are the named Go types of every package, sorted by (Pkg, File, Name).
	Types []*Type
	// Schemes are the security schemes, sorted by GoName.
	Schemes []*SecurityScheme
	// Security is the global requirement: alternatives, each a set of schemes
	// that must all be supplied. Empty means no global security.
	Security []SecurityRequirement
	// SecurityType is shared.Security (nil when the spec declares no global security).
	SecurityType *Type

	// Webhooks are the requests the API sends (OpenAPI 3.1 webhooks), by
	// name then method: their payload types are generated, for receivers.
	Webhooks []*Webhook

	// Names are the naming decisions of this run (location -> Go name, by
	// scope), for gen-manifest.json: the next run honours them.
	Names *Names
	// Renames are the names that differ from the previous decisions
	// (parser.Options.Names): only with -rename, or where the spec changed
	// the name a decision was for.
	Renames []Rename

	// Ignored lists the operations left out, with why.
	Ignored []Diagnostic
	// Skipped are the same operations, for comparisons (gen diff): what the
	// spec has that the SDK has no method for.
	Skipped []*SkippedOperation
	// Warnings are located notes about shapes that were degraded (never dropped).
	Warnings []Diagnostic
}

// Webhook is one request of the spec's webhooks: the API calls the
// receiver; the SDK has no method for it, only its payload's type.
type Webhook struct {
	Name        string // the webhooks key, "orderShipped"
	Method      string // "POST"
	Summary     string
	ContentType string // of the payload, "" when it has none
	Payload     *Type  // nil when the request has no body
	Pos         Pos
	Loc         string // "#/webhooks/orderShipped/post"
}

// SkippedOperation is an operation of the spec with no SDK method.
type SkippedOperation struct {
	ID     string // operationId as written
	Method string
	Path   string
	Reason string // "x-speakeasy-ignore", or the filter of gen.yaml that left it out
	Pos    Pos
}

// Server is one entry of the spec's servers list.
type Server struct {
	URL         string
	Description string
	// Defaults are the default values of the URL's {variables}.
	Defaults map[string]string
}

// ServerVariable is a {variable} of a server URL: New fills in its default;
// an option (WithServerRegion) sets another value, typed when the spec
// lists the allowed values.
type ServerVariable struct {
	Name        string // as in the URL template ("region")
	Option      string // the SDK option's name ("WithServerRegion")
	TypeName    string // the root package's string type of an enum variable ("ServerRegion"); "" otherwise
	Values      []*EnumValue
	Default     string
	Description string
	Pos         Pos
	// Loc is the variable's location, "#/servers/variables/region" (of
	// every server); its type is named there, its option at Loc+"#option"
	// and its constants at Loc+"/enum/<value>".
	Loc string
}

// Service is one tag: a Go type holding that tag's operations.
type Service struct {
	Tag         string // as in the spec ("Custom Mappings")
	GoName      string // "CustomMappings"
	FileName    string // "custommappings.go"
	DocDir      string // "custommappings"
	Description string
	Operations  []*Operation
	// Loc is where its name is decided: "#/tags/<tag>" (by name).
	Loc string
}

// ParamIn is where a parameter travels.
type ParamIn string

const (
	InPath   ParamIn = "path"
	InQuery  ParamIn = "query"
	InHeader ParamIn = "header"
	InCookie ParamIn = "cookie"
)

// Operation is one method of the SDK.
type Operation struct {
	ID       string // operationId as written
	GoName   string // "SessionsCreate"
	FileName string // "sessionscreate.go" in package operations
	Method   string // "POST"
	Path     string // "/vault/sessions"
	// Query is a fixed query the path key carries ("/responses?beta=true":
	// "beta=true"), sent first, before the query parameters.
	Query       string
	Summary     string
	Description string
	Deprecated  bool
	Pos         Pos
	// Loc is the operation's JSON pointer, "#/paths/~1pets/get"; its
	// structs are named at Loc+"#request", "#response" and "#security".
	Loc     string
	DocPage string // "operations/sessionscreate.md" under docs/models

	// Params in Go-name order (the request struct's order).
	Params []*Param
	Body   *RequestBody // nil when the operation takes no body
	// OtherBodies are the body's other media types, one per encoding the
	// spec offers beyond Body's (form, multipart, raw), each a field of the
	// request struct of its own: the caller sets one at most (Body, JSON
	// first, is the default), and none set sends no body. Every body of
	// such an operation is omittable.
	OtherBodies []*RequestBody

	// Request, Response and Security are the per-operation structs in package
	// operations. Security is nil when the operation uses the global security
	// (or none at all: see NoSecurity).
	Request    *Type
	Response   *Type
	Security   *Type
	Requires   []SecurityRequirement // the operation's own requirement when Security != nil
	NoSecurity bool                  // security: [] on the operation

	// Responses in spec order of status ("200" ... "default" last).
	Responses []*Response
	// Redirect is true when a 3xx status is documented: the response struct
	// then carries the Location header (redirects are results, not followed).
	Redirect bool
	// Results are the distinct typed bodies, the response struct's fields,
	// sorted by FieldName.
	Results []*ResponseContent
	// Example is the example call (docs snippets, contract tests).
	Example *OpExample
	// Accept is the Accept header value: the documented response media
	// types (without the event streams when Stream is set).
	Accept string
	// Stream is the streaming variant of an operation that answers either
	// in another media type or as an event stream; nil otherwise.
	Stream *StreamVariant
	// Retries is the operation's retry policy from the spec
	// (x-speakeasy-retries, its own or else the document's); nil: none
	// set, the SDK's default applies.
	Retries *Retries
	// Pagination is how the operation pages its results (x-speakeasy-pagination,
	// or the Apideck list convention); nil: no iterator.
	Pagination *Pagination
}

// PaginationKind is how an iterator asks for the next page.
type PaginationKind string

const (
	PageCursor PaginationKind = "cursor"      // the next cursor of the answer, into the cursor parameter
	PageOffset PaginationKind = "offsetLimit" // the offset parameter advanced by the items received
	PageNumber PaginationKind = "page"        // the page parameter advanced by one
)

// Pagination is a paginated operation's iterator: the <Op>Iter method
// calls the operation page by page and yields the items.
type Pagination struct {
	Kind PaginationKind
	// Method is the iterator's Go name ("ConsumersAllIter"), claimed
	// beside the operations' methods.
	Method string
	// Source is the success (2xx) JSON result the paths below start from.
	Source *ResponseContent
	// Results is the chain of fields from Source to the items' array
	// ($.data: one field); empty when the answer is the array itself.
	Results []*Field
	// List is the array type the chain ends at; its element is the item.
	List *Type
	// NextCursor is the chain to the next page's cursor (cursor kind).
	NextCursor []*Field
	// The request's parameters the iterator sets or reads: Cursor (cursor
	// kind), Offset (offsetLimit), Page (page); Limit when there is one
	// (an offset page shorter than it is the last).
	Cursor, Offset, Page, Limit *Param
	// FirstPage is the page number an unset Page parameter stands for
	// (its default, else 1).
	FirstPage int64
	// Convention is where it was read: "x-speakeasy-pagination" or
	// "apideck" (cursor and limit parameters, meta.cursors.next).
	Convention string
	Pos        Pos
}

// StreamVariant is the second method of an operation whose success answer
// is either an event stream or another media type (OpenAI's chat
// completions: JSON, or server-sent events when the body says stream:
// true). The plain method asks for the other media types; the variant,
// with the same request and response structs, asks for the event stream.
type StreamVariant struct {
	GoName string // "CreateChatCompletionStream": the operation's name and "Stream"
	Accept string // the event-stream media types, its Accept header
	// Flag is the request body's boolean property named "stream", which
	// the variant sets to true (a copy of the body: the caller's request is
	// not changed); nil when the body has none.
	Flag *Field
}

// Retries is a retry policy the spec sets (x-speakeasy-retries).
type Retries struct {
	Strategy string // "backoff" or "none"
	// The backoff's waits, in milliseconds (0: the SDK's default).
	InitialInterval, MaxInterval, MaxElapsedTime int
	Exponent                                     float64
	StatusCodes                                  []string // "503", "5XX"
	RetryConnectionErrors                        bool
	Pos                                          Pos
}

// Param is one operation parameter, a field of the request struct.
type Param struct {
	Name        string // wire name
	In          ParamIn
	GoName      string
	Required    bool
	Type        *Type
	Description string
	Example     *Value
	Pos         Pos
	// Loc is its member location in the request struct's scope,
	// "param:query/limit".
	Loc string
	// Presence is how the request struct holds the value.
	Presence Presence
	// Wire is how the value travels (decided from in, style, explode,
	// allowReserved and content).
	Wire Wire
}

// BodyEncoding is how a request body is serialized.
type BodyEncoding int

const (
	BodyJSON      BodyEncoding = iota
	BodyForm                   // application/x-www-form-urlencoded
	BodyMultipart              // multipart/form-data: one part per property (Parts)
	BodyBytes                  // anything else, sent as raw bytes
)

// PartKind is how one property of a multipart body travels.
type PartKind int

const (
	// PartValue: a scalar as a text part, a list of scalars as one part
	// per item; an object (a union's object alternative) as JSON.
	PartValue PartKind = iota
	// PartJSON: the value as one JSON part (objects, maps, lists of
	// objects, and any property the encoding gives a JSON content type).
	PartJSON
	// PartFile: a types.File (a list of them: one part each), streamed.
	PartFile
	// PartUnion: a union with a file alternative: a file part when that
	// alternative is set, else as PartValue.
	PartUnion
)

// Part is how one property of a multipart body is written.
type Part struct {
	Kind PartKind
	// ContentType is the part's Content-Type from the media type's
	// encoding ("" for the default: none for text, application/json for
	// JSON, application/octet-stream for a file the caller gives no type).
	ContentType string
	// Headers are the part headers the encoding fixes (a default, or a
	// single enum value), as name, value pairs sorted by name.
	Headers []string
}

// RequestBody is the operation's body, a field of the request struct.
type RequestBody struct {
	GoName      string // field name in the request struct ("Session")
	ContentType string // the media type as the spec lists it
	WireType    string // the Content-Type sent (a concrete type for "*/*")
	Encoding    BodyEncoding
	Required    bool
	Type        *Type
	Description string
	Example     *Value
	Pos         Pos
	// Loc is its member location in the request struct's scope, "body".
	Loc string
	// Presence is how the request struct holds the body; Omittable says
	// that an unset body (nil) sends no body and no Content-Type.
	Presence  Presence
	Omittable bool
	// FormWire is how each property of a form body (BodyForm, a struct)
	// travels, by JSON name: the media type's encoding (style, explode,
	// allowReserved), by default form and exploded; "" for the properties
	// the schema does not declare (additionalProperties), exploded.
	FormWire map[string]Wire
	// Parts is how each property of a multipart body (BodyMultipart, a
	// struct) travels, by JSON name.
	Parts map[string]Part
}

// Bodies are the operation's request bodies: Body, then OtherBodies (none
// when it takes no body).
func (o *Operation) Bodies() []*RequestBody {
	if o.Body == nil {
		return nil
	}
	return append([]*RequestBody{o.Body}, o.OtherBodies...)
}

// Response is one documented status of an operation.
type Response struct {
	Status      string // "200", "4XX", "default"
	Code        int    // 200 for "200"; 4 for "4XX" (with Range); 0 for default
	Range       bool
	Description string
	// Contents are the typed bodies, one per media type with a schema.
	Contents []*ResponseContent
	Pos      Pos
}

// IsError reports whether this response documents an error (4xx, 5xx, default).
func (r *Response) IsError() bool {
	if r.Status == "default" {
		return true
	}
	if r.Range {
		return r.Code >= 4
	}
	return r.Code >= 400
}

// ResponseContent is one media type of a response, decoded into one field of
// the response struct.
type ResponseContent struct {
	ContentType string
	FieldName   string // field of the response struct ("CreateSessionResponse")
	JSON        bool   // decoded with encoding/json (else kept as text or bytes)
	Description string // the first response's description that uses this field
	Type        *Type
	Example     *Value
	// Loc is its member location in the response struct's scope, after
	// the first status and media type that use it:
	// "result:200/application/json".
	Loc string
	// Presence is how the response struct holds the decoded body.
	Presence Presence
}

// SchemeKind is the kind of a security scheme.
type SchemeKind string

const (
	SchemeAPIKey SchemeKind = "apiKey"
	SchemeBasic  SchemeKind = "basic"
	SchemeBearer SchemeKind = "bearer" // http bearer, oauth2 and openIdConnect
)

// SecurityScheme is one entry of components.securitySchemes.
type SecurityScheme struct {
	Key         string // component key ("apiKey")
	GoName      string // "APIKey"
	Kind        SchemeKind
	In          ParamIn // for apiKey
	Name        string  // header, query or cookie name for apiKey
	Description string
	Pos         Pos
}

// SecurityRequirement is a set of schemes that must be supplied together.
type SecurityRequirement []*SecurityScheme
