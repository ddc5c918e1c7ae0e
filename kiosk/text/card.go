package text

import "github.com/motcua/kiosk/drivers/idcard"

// After a card that could not be accepted.
var (
	CardReadAgain = msg("Không đọc được thẻ, vui lòng đặt lại thẻ.",
		"The card could not be read, please place it again.")
	CardAskStaff = msg("Thông tin trên thẻ không hợp lệ, vui lòng nhờ cán bộ hỗ trợ.",
		"The card details could not be checked, please ask a staff member for help.")
	CardReaderSetup = msg("Máy đọc thẻ chưa được cài đặt đúng, vui lòng nhờ cán bộ hỗ trợ.",
		"The card reader is not set up correctly, please ask a staff member for help.")
)

// Card is the message for a failed card read or check: the driver's typed
// error (idcard.Error, its Kind) says what the citizen should do.
func Card(err error) Msg { return CardAdvice(idcard.AdviceFor(err)) }

// CardAdvice words one idcard.Advice.
func CardAdvice(a idcard.Advice) Msg {
	switch a {
	case idcard.AdviceAskStaff:
		return CardAskStaff
	case idcard.AdviceReaderSetup:
		return CardReaderSetup
	}
	return CardReadAgain
}
