package text

// When the kiosk cannot reach the centre server ([centre] in the config).
var (
	CentrePausedQueue = msg("Tạm dừng lấy số: máy chưa kết nối được với hệ thống của trung tâm. Tra cứu thủ tục và hướng dẫn hồ sơ vẫn dùng được. Vui lòng hỏi cán bộ tại quầy để được lấy số.",
		"Numbers are paused: this kiosk cannot reach the centre's system right now. You can still look up procedures and document guidance. Please ask the staff at the counter for a number.")
	CentrePausedPay = msg("Tạm dừng thanh toán: máy chưa kết nối được với hệ thống của trung tâm. Bạn chưa bị trừ tiền. Vui lòng thanh toán tại quầy hoặc thử lại sau ít phút.",
		"Payments are paused: this kiosk cannot reach the centre's system right now. No money has been taken. Please pay at the counter or try again in a few minutes.")
)
