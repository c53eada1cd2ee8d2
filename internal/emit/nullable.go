package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

// usesNullable reports whether any field is optional and nullable.
func usesNullable(api *model.API) bool {
	for _, t := range api.Types {
		for _, f := range t.Fields {
			if f.Presence == model.Nullable {
				return true
			}
		}
	}
	return false
}

// nullableFile is pkg/types/nullable.go:
//
//	type Nullable[T any] struct { Value T; Null, Set bool }
//	func NewNullable[T any](v T) Nullable[T]
//	func Null[T any]() Nullable[T]
//	func (n Nullable[T]) IsZero() bool   // absent: left out by omitzero
//	func (n Nullable[T]) Get() (T, bool) // the value, if one is set
//	func (n Nullable[T]) IsNull() bool
//	func (n Nullable[T]) MarshalJSON() ([]byte, error)
//	func (n *Nullable[T]) UnmarshalJSON(data []byte) error
func (g *gen) nullableFile() *jen.File {
	f := g.newFile(g.typesPath(), "types")
	T := func() *jen.Statement { return jen.Id("Nullable").Types(jen.Id("T")) }
	recv := func() *jen.Statement { return jen.Id("n").Add(T()) }

	f.Comment("// Nullable holds a property that is both optional and nullable: absent (the")
	f.Comment("// zero Nullable, left out of JSON), null, or a value.")
	f.Type().Id("Nullable").Types(jen.Id("T").Any()).Struct(
		jen.Comment("// Value is the value when one is set."),
		jen.Id("Value").Id("T"),
		jen.Comment("// Null is true when the property is present and null."),
		jen.Id("Null").Bool(),
		jen.Comment("// Set is true when the property is present (null or a value)."),
		jen.Id("Set").Bool(),
	)
	f.Comment("// NewNullable returns a Nullable holding v.")
	f.Func().Id("NewNullable").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Add(T()).Block(
		jen.Return(T().Values(jen.Dict{jen.Id("Value"): jen.Id("v"), jen.Id("Set"): jen.True()})),
	)
	f.Comment("// Null returns a Nullable that is present and null.")
	f.Func().Id("Null").Types(jen.Id("T").Any()).Params().Add(T()).Block(
		jen.Return(T().Values(jen.Dict{jen.Id("Null"): jen.True(), jen.Id("Set"): jen.True()})),
	)
	f.Comment("// IsZero reports whether the property is absent (encoding/json's omitzero).")
	f.Func().Params(recv()).Id("IsZero").Params().Bool().Block(jen.Return(jen.Op("!").Id("n").Dot("Set")))
	f.Comment("// IsNull reports whether the property is present and null.")
	f.Func().Params(recv()).Id("IsNull").Params().Bool().Block(jen.Return(jen.Id("n").Dot("Set").Op("&&").Id("n").Dot("Null")))
	f.Comment("// Get returns the value and whether one is set (present and not null).")
	f.Func().Params(recv()).Id("Get").Params().Params(jen.Id("T"), jen.Bool()).Block(
		jen.Return(jen.Id("n").Dot("Value"), jen.Id("n").Dot("Set").Op("&&").Op("!").Id("n").Dot("Null")),
	)
	f.Comment("// MarshalJSON encodes the value, or null.")
	f.Func().Params(recv()).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(jen.Op("!").Id("n").Dot("Set").Op("||").Id("n").Dot("Null")).Block(jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil())),
		jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("n").Dot("Value"))),
	)
	f.Comment("// UnmarshalJSON records presence, and null or the value.")
	f.Func().Params(jen.Id("n").Op("*").Add(T())).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Op("*").Id("n").Op("=").Add(T()).Values(jen.Dict{jen.Id("Set"): jen.True()}),
		jen.If(jen.Qual("bytes", "Equal").Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("data")), jen.Index().Byte().Call(jen.Lit("null")))).Block(
			jen.Id("n").Dot("Null").Op("=").True(),
			jen.Return(jen.Nil()),
		),
		jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("n").Dot("Value"))),
	)
	return f
}
