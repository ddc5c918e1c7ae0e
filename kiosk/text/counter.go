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

// What the kiosk's "Đánh giá dịch vụ" screen says.
var (
	RatingUnknown = msg("Không tìm thấy số này. Vui lòng kiểm tra lại số trên phiếu (ví dụ B-0012) hoặc quét lại mã QR.",
		"This ticket was not found. Please check the number on your ticket (for example B-0012) or scan the QR again.")
	RatingThanks = msg("Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp chúng tôi phục vụ tốt hơn.",
		"Thank you for your rating. It helps us serve you better.")
	RatingCentreDown = msg("Chưa gửi được đánh giá: máy chưa kết nối được với hệ thống của trung tâm. Vui lòng thử lại sau ít phút.",
		"The rating could not be sent: the kiosk cannot reach the centre. Please try again in a few minutes.")
	RatingFailed = msg("Chưa gửi được đánh giá. Vui lòng thử lại.", "The rating could not be sent. Please try again.")
)
