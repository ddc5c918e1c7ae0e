package text

// What a counter officer reads on the counter page when an action is
// refused (the centre's Error.VI/EN).
var (
	CounterSignIn = msg("Bạn chưa đăng nhập ở quầy này, hoặc phiên đăng nhập đã hết. Vui lòng đăng nhập lại bằng mã PIN của bạn.",
		"You are not signed in at this counter, or your sign-in has expired. Please sign in again with your PIN.")
	CounterWrongPIN = msg("Mã PIN không đúng. Vui lòng thử lại.",
		"Wrong PIN. Please try again.")
	CounterLocked = msg("Nhập sai mã PIN quá nhiều lần. Vui lòng chờ 5 phút rồi thử lại.",
		"Too many wrong PINs. Please wait 5 minutes and try again.")
	CounterNoOfficer = msg("Không có cán bộ này hoặc tài khoản đã bị khóa. Vui lòng liên hệ quản trị.",
		"No such officer, or the account is disabled. Please contact the administrator.")
	CounterPaused = msg("Quầy đang tạm dừng. Hãy mở lại quầy trước khi gọi số.",
		"The counter is paused. Reopen it before calling a number.")
	CounterBusy = msg("Quầy đang phục vụ số %s. Hãy kết thúc, chuyển hoặc tạm gác số này trước khi gọi số mới.",
		"This counter is still serving %s. Finish, transfer or park it before calling the next number.")
	CounterNobody = msg("Không còn ai đang chờ ở các dịch vụ của quầy này.",
		"Nobody is waiting for this counter's services.")
	CounterState = msg("Số %s đang ở trạng thái “%s”, không thể làm thao tác này.",
		"Ticket %s is “%s”; this action is not possible.")
	CounterNotHere = msg("Số này không thuộc quầy của bạn.",
		"This ticket is not at your counter.")
	CounterReason = msg("Vui lòng chọn hoặc nhập lý do.",
		"Please choose or type a reason.")
	CounterNoService = msg("Không có dịch vụ này.", "No such service.")
	RatingDone       = msg("Số này đã được đánh giá rồi. Cảm ơn bạn.", "This ticket has been rated already. Thank you.")
	RatingNotServed  = msg("Chỉ đánh giá được sau khi đã được phục vụ xong.",
		"You can rate only after your service is finished.")
)
