// Package e2e holds end-to-end tests of the generated SDK: each test writes a
// temporary Go module that imports the SDK under generated/ (and, where it
// needs a fake API, github.com/oasgo/gen/testkit/specserver), then builds and
// runs it with the go command. See gomodule_test.go for the helpers.
package e2e
