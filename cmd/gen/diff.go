package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/oasgo/gen/internal/diff"
	"github.com/oasgo/gen/internal/emit"
	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/internal/model"
	"github.com/oasgo/gen/internal/parser"
)

// runDiff is `gen diff [flags] OLD_SPEC NEW_SPEC`: what changes for a user
// of the SDK, each change marked breaking or not, and the SemVer bump.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	failOnBreaking := fs.Bool("fail-on-breaking", false, "exit 1 when a change is breaking")
	withGo := fs.Bool("go", false, "also generate both SDKs and compare their Go API (golang.org/x/exp/apidiff; needs the go command)")
	noOverrides := fs.Bool("ignore-name-overrides", false, "ignore x-speakeasy-name-override (as gen -ignore-name-overrides)")
	externalRefs := fs.Bool("allow-external-refs", false, "let $ref point at files next to the spec")
	out := fs.String("out", "", "the SDK's output folder: both specs are named with the names its gen-manifest.json records, as gen would (default: names afresh)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gen diff [-json] [-fail-on-breaking] [-go] [-out SDK_FOLDER] OLD_SPEC NEW_SPEC")
		fs.PrintDefaults()
	}
	// Flags may come before or after the two specs.
	var specs []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		specs = append(specs, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(specs) != 2 {
		fmt.Fprintf(stderr, "gen diff: want two specs (old, new), have %d\n", len(specs))
		fs.Usage()
		return 2
	}
	opts := parser.Options{IgnoreNameOverrides: *noOverrides, AllowExternalRefs: *externalRefs}
	if *out != "" {
		names, err := gen.PreviousNames(*out)
		if err != nil {
			fmt.Fprintf(stderr, "gen diff: -out: %v\n", err)
			return 2
		}
		opts.Names = names
	}
	var apis [2]*model.API
	for i, spec := range specs {
		api, err := parser.LoadFile(spec, opts)
		if err != nil {
			return reportSpecError(stderr, err, "gen diff", 2)
		}
		apis[i] = api
	}
	r := diff.Compare(specs[0], apis[0], specs[1], apis[1])
	if *withGo {
		var sdks [2][]emit.File
		for i, api := range apis {
			files, err := emit.SDK(api, emit.Options{Module: "openapi", Package: "sdk", Version: version()})
			if err != nil {
				fmt.Fprintf(stderr, "gen diff: generating the SDK of %s: %v\n", specs[i], err)
				return 1
			}
			sdks[i] = files
		}
		if err := diff.CompareGo(r, sdks[0], sdks[1]); err != nil {
			fmt.Fprintf(stderr, "gen diff: -go: %v\n", err)
			return 1
		}
	}
	if *asJSON {
		stdout.Write(r.JSON())
	} else {
		io.WriteString(stdout, r.Markdown())
	}
	if *failOnBreaking && r.Breaking > 0 {
		fmt.Fprintf(stderr, "gen diff: %d breaking change(s)\n", r.Breaking)
		return 1
	}
	return 0
}
