package parser

import "strings"

// Locations name the place of each naming decision (model.Type.Loc and the
// others; see model/naming.go): a JSON pointer to where the named thing is
// written, carried along the lowering rather than computed from positions
// (no walk of the YAML tree), so an inline schema is at the pointer of the
// site that wrote it, and one reached by a $ref into another schema's
// insides at that $ref. A few are pointers by name where the document has a
// list: a parameter is at ".../parameters/<in>/<name>", a tag's service at
// "#/tags/<tag>", a server variable (of every server) at
// "#/servers/variables/<name>". A suffix after "#" tells apart the things
// one place names: "#input" (the readOnly-free twin), "#request",
// "#response", "#security" (an operation's structs), "#option" (a server
// variable's option), "#basic" (SchemeBasicAuth).

// seg escapes one segment of a JSON pointer ("~" -> "~0", "/" -> "~1").
func seg(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// componentLoc is the location of components.schemas[key].
func componentLoc(key string) string { return componentPrefix + seg(key) }

// opLoc is the location of an operation: "#/paths/~1pets/get".
func opLoc(path, method string) string { return "#/paths/" + seg(path) + "/" + opKey(method) }

// refLoc is the location a $ref written at base names: the reference
// itself, within base's file when it is a fragment of an external file.
func refLoc(base, ref string) string {
	if strings.HasPrefix(ref, "#") {
		if file, _, ok := strings.Cut(base, "#"); ok && file != "" {
			return file + ref
		}
	}
	return ref
}

// mediaLoc is the location of the schema of media type ct in the content of
// the element at base.
func mediaLoc(base, ct string) string { return base + "/content/" + seg(ct) + "/schema" }
