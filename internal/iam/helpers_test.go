package iam

import (
	"errors"

	"ecomops/internal/platform/apperr"
)

func fieldMsg(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) && len(ae.Fields) > 0 {
		return ae.Fields[0].Message
	}
	return err.Error()
}

// fieldCode is the code of the first field error, "" for nil.
func fieldCode(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) && len(ae.Fields) > 0 {
		return ae.Fields[0].Code
	}
	return ""
}
