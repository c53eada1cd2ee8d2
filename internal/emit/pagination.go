package emit

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

// emitIterator is a paginated operation's iterator, beside its method:
//
//	// OpIter calls Op page by page ...
//	func (s *Service) OpIter(ctx context.Context, request operations.OpRequest[, security operations.OpSecurity], opts ...operations.Option) iter.Seq2[Item, error] {
//		return func(yield func(Item, error) bool) {
//			req := request
//			for {
//				res, err := s.Op(ctx, req[, security], opts...)
//				if err != nil {
//					var zero Item
//					yield(zero, err)
//					return
//				}
//				var items []Item
//				(items: along the results' fields, nil-checked per presence)
//				for _, item := range items {
//					if !yield(item, nil) {
//						return
//					}
//				}
//				if len(items) == 0 {
//					return
//				}
//				(the next page's request, or return: the kind's rule)
//			}
//		}
//	}
func (g *gen) emitIterator(svc *model.Service, op *model.Operation) jen.Code {
	p := op.Pagination
	item := g.typeAt(p.List.Elem, p.List.ElemPresence())
	params := []jen.Code{
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("request").Add(g.goType(op.Request)),
	}
	args := []jen.Code{jen.Id("ctx"), jen.Id("req")}
	if op.Security != nil {
		params = append(params, jen.Id("security").Add(g.goType(op.Security)))
		args = append(args, jen.Id("security"))
	}
	params = append(params, jen.Id("opts").Op("...").Qual(g.operationsPath(), "Option"))
	args = append(args, jen.Id("opts").Op("..."))

	loop := []jen.Code{
		jen.List(jen.Id("res"), jen.Err()).Op(":=").Id("s").Dot(op.GoName).Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Var().Id("zero").Add(item.Clone()),
			jen.Id("yield").Call(jen.Id("zero"), jen.Err()),
			jen.Return(),
		),
		jen.Var().Id("items").Index().Add(item.Clone()),
	}
	loop = append(loop, walkFields(jen.Id("res"), p.Source.FieldName, p.Source.Presence, p.Results, func(v *jen.Statement) []jen.Code {
		return []jen.Code{jen.Id("items").Op("=").Add(v)}
	})...)
	loop = append(loop,
		jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("items")).Block(
			jen.If(jen.Op("!").Id("yield").Call(jen.Id("item"), jen.Nil())).Block(jen.Return()),
		),
		jen.If(jen.Len(jen.Id("items")).Op("==").Lit(0)).Block(jen.Return()),
	)
	loop = append(loop, g.nextPage(p)...)

	seq := jen.Qual("iter", "Seq2").Types(item.Clone(), jen.Error())
	body := jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(item.Clone(), jen.Error()).Bool()).Block(
		jen.Id("req").Op(":=").Id("request"),
		jen.For().Block(loop...),
	))
	return withDoc(docLines("", iteratorDoc(op)), jen.Func().Params(jen.Id("s").Op("*").Id(svc.GoName)).Id(p.Method).Params(params...).Add(seq).Block(body))
}

// iteratorDoc is the iterator's doc comment: what it calls, when it
// stops, and what an error or a break does.
func iteratorDoc(op *model.Operation) string {
	p := op.Pagination
	items := "the answer"
	if len(p.Results) > 0 {
		items = jsonPath(p.Results)
	}
	doc := p.Method + " calls " + op.GoName + " page by page, as the loop asks for items, and yields the items of each page (" + items + "). "
	switch p.Kind {
	case model.PageCursor:
		doc += "Each next page starts at the cursor the answer gives (" + jsonPath(p.NextCursor) + ", sent as " + p.Cursor.Name + "); the last page gives none, or has no items."
	case model.PageOffset:
		doc += "Each next page starts where the items received end (" + p.Offset.Name + " advanced by their number); the last page has no items"
		if p.Limit != nil {
			doc += ", or fewer than " + p.Limit.Name + " when it is set"
		}
		doc += "."
	case model.PageNumber:
		doc += "Each next page is the page number after it (" + p.Page.Name + ", " + strconv.FormatInt(p.FirstPage, 10) + " when unset); the last page has no items."
	}
	return doc + "\n\nAn error, of any page, is yielded once and ends the iteration; breaking out of the loop sends no further request. The request passed in is not changed."
}

// jsonPath spells a chain of fields as the spec's JSONPath ($.meta.next).
func jsonPath(chain []*model.Field) string {
	names := make([]string, len(chain))
	for i, f := range chain {
		names[i] = f.Name
	}
	return "$." + strings.Join(names, ".")
}

// walkFields reaches the value at the end of chain from root.first (a
// result held with presence): each pointer is checked for nil, each
// types.Nullable read with Get; inner receives the value (dereferenced)
// where every step is present.
//
//	if v0 := res.Result; v0 != nil {
//		if v1, ok := v0.Meta.Get(); ok {
//			inner(v1.Next)
//		}
//	}
func walkFields(root *jen.Statement, first string, presence model.Presence, chain []*model.Field, inner func(*jen.Statement) []jen.Code) []jen.Code {
	type step struct {
		name     string
		presence model.Presence
	}
	steps := []step{{first, presence}}
	for _, f := range chain {
		steps = append(steps, step{f.GoName, f.Presence})
	}
	var walk func(i int, expr *jen.Statement, ptr bool) []jen.Code
	walk = func(i int, expr *jen.Statement, ptr bool) []jen.Code {
		if i == len(steps) {
			if ptr {
				return inner(jen.Op("*").Add(expr))
			}
			return inner(expr)
		}
		s := steps[i]
		v := "v" + strconv.Itoa(i)
		switch s.presence {
		case model.Pointer:
			return []jen.Code{jen.If(jen.Id(v).Op(":=").Add(expr.Clone()).Dot(s.name), jen.Id(v).Op("!=").Nil()).Block(walk(i+1, jen.Id(v), true)...)}
		case model.Nullable:
			return []jen.Code{jen.If(jen.List(jen.Id(v), jen.Id("ok")).Op(":=").Add(expr.Clone()).Dot(s.name).Dot("Get").Call(), jen.Id("ok")).Block(walk(i+1, jen.Id(v), false)...)}
		}
		return walk(i+1, expr.Clone().Dot(s.name), false)
	}
	return walk(0, root, false)
}

// nextPage sets req up for the next page, or returns when there is none:
// cursor: the answer's next cursor (none, or "": the last page); offset:
// advanced by the items received (fewer than the limit: the last page);
// page: the next number.
func (g *gen) nextPage(p *model.Pagination) []jen.Code {
	param := func(prm *model.Param) *jen.Statement { return jen.Id("req").Dot(prm.GoName) }
	switch p.Kind {
	case model.PageCursor:
		set := func(v *jen.Statement) []jen.Code {
			assign := param(p.Cursor).Op("=").Id("c")
			if p.Cursor.Presence == model.Pointer {
				assign = param(p.Cursor).Op("=").Op("&").Id("c")
			}
			cond := jen.Id("c").Op(":=").Add(v)
			check := jen.Id("c").Op("!=").Lit("")
			if p.Cursor.Type.Kind != model.KindString {
				// An integer cursor: any value is one.
				return []jen.Code{jen.Id("c").Op(":=").Add(v), assign, jen.Id("more").Op("=").True()}
			}
			return []jen.Code{jen.If(cond, check).Block(assign, jen.Id("more").Op("=").True())}
		}
		out := []jen.Code{jen.Id("more").Op(":=").False()}
		out = append(out, walkFields(jen.Id("res"), p.Source.FieldName, p.Source.Presence, p.NextCursor, set)...)
		return append(out, jen.If(jen.Op("!").Id("more")).Block(jen.Return()))
	case model.PageOffset:
		count := g.goType(p.Offset.Type).Call(jen.Len(jen.Id("items")))
		var out []jen.Code
		if l := p.Limit; l != nil {
			short := g.goType(l.Type).Call(jen.Len(jen.Id("items"))).Op("<")
			if l.Presence == model.Pointer {
				out = append(out, jen.If(param(l).Op("!=").Nil().Op("&&").Add(short).Op("*").Add(param(l))).Block(jen.Return()))
			} else {
				out = append(out, jen.If(short.Add(param(l))).Block(jen.Return()))
			}
		}
		if p.Offset.Presence != model.Pointer {
			return append(out, param(p.Offset).Op("+=").Add(count))
		}
		return append(out,
			jen.Id("next").Op(":=").Add(count),
			jen.If(param(p.Offset).Op("!=").Nil()).Block(jen.Id("next").Op("+=").Op("*").Add(param(p.Offset))),
			param(p.Offset).Op("=").Op("&").Id("next"),
		)
	case model.PageNumber:
		if p.Page.Presence != model.Pointer {
			return []jen.Code{param(p.Page).Op("++")}
		}
		return []jen.Code{
			jen.Id("next").Op(":=").Add(g.goType(p.Page.Type)).Call(jen.Lit(int(p.FirstPage))),
			jen.If(param(p.Page).Op("!=").Nil()).Block(jen.Id("next").Op("=").Op("*").Add(param(p.Page))),
			jen.Id("next").Op("++"),
			param(p.Page).Op("=").Op("&").Id("next"),
		}
	}
	return []jen.Code{jen.Return()}
}

// IterSnippet is the example program of op's iterator ("" when op has
// none): the operation's example request, ranged over with for item, err
// := range; it stops at the first item, so it sends one request.
func (g *gen) IterSnippet(svc *model.Service, op *model.Operation) string {
	p := op.Pagination
	if p == nil {
		return ""
	}
	sn := &snippet{g: g, imports: map[string]bool{"context": true, "log": true, g.opts.Module: true}}
	var b strings.Builder
	b.WriteString("func main() {\n")
	b.WriteString(ind(1) + "s := " + sn.newSDK(op) + "\n\n")
	b.WriteString(ind(1) + "ctx := context.Background()\n")
	b.WriteString(ind(1) + "for item, err := range s." + svc.GoName + "." + p.Method + "(ctx, " + sn.request(op))
	if op.Security != nil {
		b.WriteString(", " + sn.security(op.Security, 1))
	}
	b.WriteString(") {\n")
	b.WriteString(ind(2) + "if err != nil {\n" + ind(3) + "log.Fatal(err)\n" + ind(2) + "}\n")
	b.WriteString(ind(2) + "// handle item; without the break, the loop goes on through every page\n")
	b.WriteString(ind(2) + "log.Printf(\"%+v\", item)\n")
	b.WriteString(ind(2) + "break\n")
	b.WriteString(ind(1) + "}\n")
	b.WriteString("}\n")
	paths := make([]string, 0, len(sn.imports))
	for path := range sn.imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	var head strings.Builder
	head.WriteString("package main\n\nimport(\n")
	for _, path := range paths {
		head.WriteString("\t" + strconv.Quote(path) + "\n")
	}
	head.WriteString(")\n\n")
	return head.String() + b.String()
}
