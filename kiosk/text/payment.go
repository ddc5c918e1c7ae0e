package text

// The pay screen.
var (
	PaymentOff = msg("Chưa nhận thanh toán tại máy này.",
		"Payment is not enabled on this kiosk.")
	PaymentAwaiting = msg("Mở ứng dụng ngân hàng → Quét mã QR → Xác nhận chuyển khoản.",
		"Open your banking app → Scan the QR code → Confirm the transfer.")
	PaymentPaid = msg("Đã thanh toán. Vui lòng nhận biên lai.",
		"Paid. Please take your receipt.")
	PaymentExpired = msg("Mã QR đã hết hạn. Bấm “Tạo mã mới” nếu bạn chưa chuyển khoản.",
		"The QR code has expired. Tap “New code” if you have not paid yet.")
	PaymentCancelled = msg("Đã huỷ thanh toán.",
		"Payment cancelled.")
	PaymentNeedsReview = msg("Đã nhận chuyển khoản nhưng cần cán bộ kiểm tra. Vui lòng chờ cán bộ hỗ trợ.",
		"A transfer arrived but staff must check it. Please wait for a staff member.")
	PaymentAutoConfirmDown = msg("Thanh toán QR tạm thời chưa tự xác nhận được; cán bộ sẽ xác nhận giúp bạn.",
		"QR payments cannot be confirmed automatically right now; staff will confirm yours.")
)
