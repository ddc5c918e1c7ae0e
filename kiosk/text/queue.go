package text

// Why a number was not issued.
var (
	QueueClosed = msg("Dịch vụ này tạm ngừng nhận hồ sơ. Vui lòng hỏi cán bộ hướng dẫn.",
		"This service is closed for now. Please ask the staff.")
	QueueCapped = msg("Hôm nay đã hết số cho dịch vụ này. Vui lòng quay lại vào ngày làm việc tiếp theo.",
		"No more numbers today for this service. Please come back on the next working day.")
	QueueNoService = msg("Không tìm thấy dịch vụ đã chọn. Vui lòng chọn lại hoặc hỏi cán bộ.",
		"The chosen service was not found. Please choose again or ask the staff.")
	QueueFailed = msg("Không lấy được số thứ tự. Vui lòng hỏi cán bộ.",
		"Could not issue a number. Please ask the staff.")
)
