package text

// The staff PIN pad (first-run setup and unlock).
var (
	StaffUnavailable = msg("Chưa dùng được chế độ cán bộ.",
		"Staff mode is unavailable.")
	StaffPINAlreadySet = msg("Mã PIN đã được đặt.",
		"The PIN is already set.")
	StaffWeakPIN = msg("Mã PIN phải có 6–12 chữ số, không dùng dãy đơn giản.",
		"The PIN must be 6–12 digits and not a simple sequence.")
	StaffPINNotSaved = msg("Không lưu được mã PIN.",
		"Could not save the PIN.")
	// StaffLocked takes the minutes to wait: StaffLocked.Format(mins).
	StaffLocked = msg("Nhập sai quá nhiều lần. Vui lòng thử lại sau %d phút.",
		"Too many wrong PINs. Try again in %d minutes.")
	StaffNoPIN = msg("Chưa đặt mã PIN.",
		"No PIN has been set.")
	StaffWrongPIN = msg("Mã PIN không đúng.",
		"Wrong PIN.")
	StaffError = msg("Đã có lỗi, vui lòng thử lại.",
		"Something went wrong; please try again.")
)
