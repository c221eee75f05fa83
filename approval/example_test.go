package approval_test

import (
	"fmt"

	"github.com/segsync/segsync/approval"
	"github.com/segsync/segsync/spec"
)

func Example() {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"approval": {
	  "creationRequest": {"endpoint": {"url": "{{baseURL}}/approvals", "method": "POST"},
	    "parser": {"approvalId": "/id", "statusValue": "/state/value", "statusDisplay": "/state/label",
	      "approvalMatcher": "^approved$", "rejectionMatcher": "^(rejected|declined)$",
	      "urlTemplate": "{{baseURL}}/approvals/{{queryEncode context.approvalId}}"}},
	  "statusRequest": {"endpoint": {"url": "{{baseURL}}/approvals/{{context.approvalId}}", "method": "GET"},
	    "parser": {"statusValue": "/state/value", "approvalMatcher": "^approved$", "rejectionMatcher": "^declined$"}},
	  "postApplyRequest": {"endpoint": {"url": "{{baseURL}}/apply", "method": "POST"},
	    "parser": {"statusValue": "/state/value", "approvalMatcher": "^approved$"}},
	  "deletionRequest": {"endpoint": {"url": "{{baseURL}}/cancel", "method": "POST"},
	    "parser": {"statusValue": "/state/value", "approvalMatcher": "^approved$"}}
	}}}`))
	prog, err := approval.Compile(m, approval.Creation)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := prog.ParseWith([]byte(`{"id": "CHG 42", "state": {"value": "requested", "label": "Requested"}}`),
		map[string]any{"baseURL": "https://approvals.example.com"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.ApprovalID, res.StatusValue, res.StatusDisplay, res.Status, res.URL)

	status, _ := approval.Compile(m, approval.Status)
	res, _ = status.Parse([]byte(`{"state": {"value": "declined"}}`))
	fmt.Println(res.Status)
	// Output:
	// CHG 42 requested Requested pending https://approvals.example.com/approvals/CHG%2042
	// rejected
}

// An unanchored matcher also matches the negation of the word it looks for.
func ExampleCompile_lint() {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"approval": {
	  "creationRequest": {"endpoint": {}, "parser": {"statusValue": "/s", "approvalMatcher": "approved", "rejectionMatcher": "^rejected$"}},
	  "statusRequest": {"endpoint": {}, "parser": {"statusValue": "/s", "approvalMatcher": "approved"}},
	  "postApplyRequest": {"endpoint": {}, "parser": {"statusValue": "/s", "approvalMatcher": "approved"}},
	  "deletionRequest": {"endpoint": {}, "parser": {"statusValue": "/s", "approvalMatcher": "approved"}}
	}}}`))
	prog, _ := approval.Compile(m, approval.Creation)
	for _, w := range prog.Warnings() {
		fmt.Println(w.Code, w.Pointer)
	}
	// Output:
	// matcher_matches_opposite /capabilities/approval/creationRequest/parser/approvalMatcher
}
