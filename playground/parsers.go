package playground

import (
	"errors"
	"fmt"
	"strings"

	segcap "github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// parserCapabilities are the entries of the parsers that read a partner's
// response or webhook (package capability), each with its sample: a name and
// the sample manifest and payload files under samples/.
var parserCapabilities = []struct{ name, manifest, payload string }{
	{"trigger", "trigger/manifest.json", "trigger/payload.json"},
	{"approval.creationRequest", "approval/manifest.json", "approval/creationRequest.json"},
	{"approval.statusRequest", "approval/manifest.json", "approval/statusRequest.json"},
	{"approval.postApplyRequest", "approval/manifest.json", "approval/postApplyRequest.json"},
	{"approval.deletionRequest", "approval/manifest.json", "approval/deletionRequest.json"},
	{"approval.memberListRequest", "approval/manifest.json", "approval/memberListRequest.json"},
	{"featureStore.validationRequest", "featureStore/manifest.json", "featureStore/payload.json"},
	{"formVariables/0.dynamicOptions", "dynamicOptions/manifest.json", "dynamicOptions/payload.json"},
}

func init() {
	for _, c := range parserCapabilities {
		capabilities[c.name] = capability{
			run:            runParser(c.name),
			sampleManifest: mustSample(c.manifest),
			samplePayload:  mustSample(c.payload),
		}
	}
}

// runParser returns the run of the capability name: it compiles the manifest's
// parser with package capability and parses a payload that is not blank into the
// capability's typed result. These parsers read a partner's answer; there is no
// response to render.
func runParser(name string) func(req *RunRequest) (*RunResponse, error) {
	return func(req *RunRequest) (*RunResponse, error) {
		manifest := []byte(req.Manifest)
		out := &RunResponse{Problems: []spec.Placed{}}
		prog, err := segcap.CompileJSON(manifest, name, parser.WithIntegrationKey(req.IntegrationKey))
		if err != nil {
			return compileFailed(out, manifest, err)
		}
		out.Compiled = true
		out.Problems = prog.Warnings().Place(manifest)
		if strings.TrimSpace(req.Payload) == "" {
			return out, nil
		}
		payload := []byte(req.Payload)
		res, err := prog.Parse(payload)
		var perr *parser.Error
		switch {
		case errors.As(err, &perr):
			out.Error = placePayloadError(payload, perr)
		case err != nil:
			return nil, &RequestError{Status: 500, Code: CodeInternal, Message: fmt.Sprintf("running the payload: %v", err)}
		default:
			out.Result = res
		}
		return out, nil
	}
}
