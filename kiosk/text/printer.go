package text

// Under the large number when a ticket did not print (one per fault kind).
var (
	PrinterPaperEnd = msg("Máy in hết giấy. Vui lòng ghi nhớ số trên màn hình và báo cán bộ; số của bạn vẫn được giữ.",
		"The printer is out of paper. Please remember the number on the screen and tell the staff; your number is kept.")
	PrinterCoverOpen = msg("Nắp máy in đang mở. Vui lòng ghi nhớ số trên màn hình và báo cán bộ; số của bạn vẫn được giữ.",
		"The printer cover is open. Please remember the number on the screen and tell the staff; your number is kept.")
	PrinterOffline = msg("Máy in tạm dừng. Vui lòng ghi nhớ số trên màn hình; cán bộ sẽ in lại phiếu cho bạn.",
		"The printer is paused. Please remember the number on the screen; the staff will reprint your ticket.")
	PrinterUnplugged = msg("Máy in chưa được kết nối. Vui lòng ghi nhớ số trên màn hình; cán bộ sẽ in lại phiếu cho bạn.",
		"The printer is not connected. Please remember the number on the screen; the staff will reprint your ticket.")
	PrinterNoResponse = msg("Máy in không phản hồi. Vui lòng ghi nhớ số trên màn hình và báo cán bộ.",
		"The printer does not respond. Please remember the number on the screen and tell the staff.")
	PrinterTicketFailed = msg("Không in được phiếu. Vui lòng ghi nhớ số trên màn hình và báo cán bộ.",
		"The ticket could not be printed. Please remember the number on the screen and tell the staff.")
)

// Printing the dossier checklist and the digital-skills guides.
var (
	ChecklistPrinted = msg("Đã in. Vui lòng nhận phiếu ở khe máy in.",
		"Printed. Please take it from the printer slot.")
	ChecklistNotMade = msg("Không tạo được danh sách.",
		"Could not make the list.")
	ChecklistPrinterTrouble = msg("Máy in đang gặp sự cố. Bạn có thể chụp ảnh màn hình này hoặc hỏi cán bộ.",
		"The printer has a problem. You can photograph this screen or ask the staff.")
	GuidePrinted = msg("Đã in. Vui lòng nhận ở khe máy in.",
		"Printed. Please take it from the printer slot.")
	GuidePrinterTrouble = msg("Máy in đang gặp sự cố. Bạn có thể quét mã QR để mở trên điện thoại.",
		"The printer has a problem. You can scan the QR code to open it on your phone.")
	GuideNotFound = msg("Không tìm thấy hướng dẫn.",
		"Guide not found.")
)
