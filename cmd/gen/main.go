// Command gen turns an OpenAPI document into a Go SDK.
//
//	gen [-spec spec/vault.yml] [-out generated] [-module openapi] [-package sdk]
//	    [-ignore-name-overrides] [-allow-external-refs]
//
// Exit status: 0 on success, 2 on a bad spec or bad usage (with
// file:line:col: message lines on stderr), 1 when the output cannot be written.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/internal/parser"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	spec := fs.String("spec", "spec/vault.yml", "OpenAPI document to read")
	out := fs.String("out", "generated", "folder to write the SDK into")
	module := fs.String("module", "openapi", "module path of the generated SDK")
	pkg := fs.String("package", "sdk", "package name of the SDK's root package")
	noOverrides := fs.Bool("ignore-name-overrides", false, "ignore x-speakeasy-name-override")
	externalRefs := fs.Bool("allow-external-refs", false, "let $ref point at files next to the spec")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	res, err := gen.Generate(gen.Config{
		Spec: *spec, Module: *module, Package: *pkg,
		Parser: parser.Options{IgnoreNameOverrides: *noOverrides, AllowExternalRefs: *externalRefs},
	})
	if err != nil {
		var perr *parser.Error
		if errors.As(err, &perr) {
			fmt.Fprintln(stderr, perr.Error())
			return 2
		}
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	for _, d := range res.API.Ignored {
		fmt.Fprintf(stderr, "%s: skipped: %s\n", d.Pos, d.Message)
	}
	for _, d := range res.API.Warnings {
		fmt.Fprintf(stderr, "%s: warning: %s\n", d.Pos, d.Message)
	}
	if err := gen.Write(*out, res.Files); err != nil {
		fmt.Fprintf(stderr, "gen: writing %s: %v\n", *out, err)
		return 1
	}
	return 0
}
