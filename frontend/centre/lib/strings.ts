// Every Vietnamese and English string of the centre's pages, in one place.
// Citizens read Vietnamese first, English second: pages show vi large and
// en smaller beneath or beside it.

export interface VE {
  vi: string
  en: string
}

export const S = {
  building: { vi: 'Trang này đang xây dựng', en: 'This page is under construction' },
  pageCounter: { vi: 'Quầy tiếp nhận', en: 'Counter' },
  pageRating: { vi: 'Đánh giá mức độ hài lòng', en: 'Rate our service' },
  pageReports: { vi: 'Báo cáo', en: 'Reports' },

  hallTitle: { vi: 'Mời công dân đến quầy', en: 'Now serving' },
  latestCall: { vi: 'Vừa gọi', en: 'Just called' },
  recentCalls: { vi: 'Số vừa gọi', en: 'Recent calls' },
  waitingTitle: { vi: 'Đang chờ', en: 'Waiting' },
  noCallYet: { vi: 'Chưa gọi số nào', en: 'No number called yet' },
  counterFree: { vi: 'Sẵn sàng', en: 'Ready' },
  counterPaused: { vi: 'Tạm dừng', en: 'Paused' },
  statusCalled: { vi: 'Mời đến quầy', en: 'Please come' },
  statusServing: { vi: 'Đang phục vụ', en: 'Serving' },
  recall: { vi: 'Gọi lại', en: 'Recall' },

  linkOk: { vi: 'Đã kết nối', en: 'Connected' },
  linkRetrying: { vi: 'Đang kết nối lại', en: 'Reconnecting' },
  linkDown: { vi: 'Mất kết nối', en: 'Disconnected' },
  stale: { vi: 'Mất kết nối với trung tâm — thông tin dưới đây có thể đã cũ', en: 'Lost contact with the centre — what is shown may be out of date' },
  updatedAt: { vi: 'Cập nhật lúc', en: 'Updated at' },
  unpaired: { vi: 'Màn hình chưa được ghép với trung tâm: mở lại trang với ?token=…', en: 'This screen is not paired with the centre: open the page again with ?token=…' },

  autoplayBlocked: {
    vi: 'Trình duyệt chặn âm thanh — chạm vào màn hình một lần, hoặc chạy Chromium với --autoplay-policy=no-user-gesture-required',
    en: 'The browser blocks sound — tap the screen once, or run Chromium with --autoplay-policy=no-user-gesture-required',
  },

  unreachable: { vi: 'Không liên lạc được với trung tâm', en: 'Cannot reach the centre' },

  // ── Counter page (/counter/) ──
  cSignInTitle: { vi: 'Đăng nhập quầy', en: 'Sign in at the counter' },
  cChooseCounter: { vi: 'Chọn quầy', en: 'Choose the counter' },
  cChooseName: { vi: 'Chọn tên của bạn', en: 'Choose your name' },
  cEnterPin: { vi: 'Nhập mã PIN', en: 'Enter your PIN' },
  cNoOfficers: { vi: 'Chưa có cán bộ nào — quản trị thêm bằng: motcua-centre officer add', en: 'No officers yet — an administrator adds them with: motcua-centre officer add' },
  cSignIn: { vi: 'Đăng nhập', en: 'Sign in' },
  cSignOut: { vi: 'Đăng xuất', en: 'Sign out' },
  cClear: { vi: 'Xóa', en: 'Clear' },
  cBack: { vi: 'Quay lại', en: 'Back' },
  cChange: { vi: 'Đổi', en: 'Change' },
  cOfficer: { vi: 'Cán bộ', en: 'Officer' },
  cServices: { vi: 'Dịch vụ của quầy', en: 'Services here' },
  cCurrent: { vi: 'Số hiện tại', en: 'Current ticket' },
  cNoCurrent: { vi: 'Chưa có số nào — bấm “Gọi số tiếp theo”', en: 'No ticket yet — press “Call next”' },
  cCalled: { vi: 'Đã gọi — chờ công dân đến', en: 'Called — waiting for the citizen' },
  cServing: { vi: 'Đang phục vụ', en: 'Being served' },
  cCallNext: { vi: 'Gọi số tiếp theo', en: 'Call next' },
  cRecall: { vi: 'Gọi lại', en: 'Recall' },
  cStart: { vi: 'Bắt đầu', en: 'Start' },
  cFinish: { vi: 'Hoàn thành', en: 'Finish' },
  cNoShow: { vi: 'Vắng mặt', en: 'No-show' },
  cPark: { vi: 'Tạm gác', en: 'Park' },
  cTransfer: { vi: 'Chuyển dịch vụ', en: 'Transfer' },
  cResume: { vi: 'Gọi tiếp', en: 'Resume' },
  cCallThis: { vi: 'Gọi số này', en: 'Call this one' },
  cPause: { vi: 'Tạm dừng quầy', en: 'Pause the counter' },
  cReopen: { vi: 'Mở lại quầy', en: 'Reopen the counter' },
  cPausedBanner: { vi: 'Quầy đang tạm dừng', en: 'The counter is paused' },
  cWhyBusy: { vi: 'Xong số hiện tại trước (hoàn thành, chuyển hoặc tạm gác)', en: 'Finish, transfer or park the current one first' },
  cWhyPaused: { vi: 'Quầy đang tạm dừng', en: 'The counter is paused' },
  cWhyNobody: { vi: 'Không còn ai chờ', en: 'Nobody is waiting' },
  cWhyNoTicket: { vi: 'Chưa gọi số nào', en: 'No ticket called' },
  cWhyNotCalled: { vi: 'Chỉ khi đã gọi mà chưa đến', en: 'Only after a call, if nobody came' },
  cWhyNotServing: { vi: 'Bấm “Bắt đầu” trước', en: 'Press “Start” first' },
  cWhyServing: { vi: 'Đã bắt đầu phục vụ', en: 'Already started' },
  cWhyNoTarget: { vi: 'Không có dịch vụ khác', en: 'No other service' },
  cNobodyCalled: { vi: 'Không còn ai đang chờ.', en: 'Nobody is waiting.' },
  cGuidance: { vi: 'Công dân đã làm ở ki-ốt', en: 'What the citizen did at the kiosk' },
  cNoGuidance: { vi: 'Không có thông tin từ ki-ốt', en: 'No information from the kiosk' },
  cProcedure: { vi: 'Thủ tục', en: 'Procedure' },
  cCase: { vi: 'Trường hợp', en: 'Case' },
  cTicked: { vi: 'Giấy tờ đã có', en: 'Papers they have' },
  cMissing: { vi: 'Giấy tờ còn thiếu', en: 'Papers missing' },
  cNoneMissing: { vi: 'Không thiếu giấy tờ nào', en: 'Nothing missing' },
  cFee: { vi: 'Lệ phí', en: 'Fee' },
  cPaid: { vi: 'Đã nộp phí tại ki-ốt', en: 'Paid at the kiosk' },
  cParked: { vi: 'Số tạm gác', en: 'Parked' },
  cNoParked: { vi: 'Không có số nào tạm gác', en: 'Nothing parked' },
  cWaiting: { vi: 'Đang chờ (theo thứ tự gọi)', en: 'Waiting (call order)' },
  cNoWaiting: { vi: 'Không có ai đang chờ', en: 'Nobody waiting' },
  cReasonPark: { vi: 'Lý do tạm gác', en: 'Why park it' },
  cReasonCall: { vi: 'Lý do gọi trước', en: 'Why call it out of order' },
  cReasonPause: { vi: 'Lý do tạm dừng quầy', en: 'Why pause the counter' },
  cReasonTransfer: { vi: 'Chuyển sang dịch vụ', en: 'Transfer to the service' },
  cReasonOptional: { vi: 'Lý do (không bắt buộc)', en: 'Reason (optional)' },
  cReasonOther: { vi: 'Lý do khác — gõ vào đây', en: 'Other reason — type here' },
  cReasonNeeded: { vi: 'Chọn hoặc nhập lý do trước.', en: 'Choose or type a reason first.' },
  cTargetNeeded: { vi: 'Chọn dịch vụ để chuyển sang.', en: 'Choose the service to transfer to.' },
  cConfirm: { vi: 'Xác nhận', en: 'Confirm' },
  cCancel: { vi: 'Hủy', en: 'Cancel' },
  cChipElderly: { vi: 'Người cao tuổi', en: 'Elderly' },
  cChipDisabled: { vi: 'Khuyết tật', en: 'Disability' },
  cChipPregnant: { vi: 'Phụ nữ có thai', en: 'Pregnant' },
  cChipAppointment: { vi: 'Gọi lại theo hẹn', en: 'Recalled by appointment' },
  cChipPaper: { vi: 'Công dân đi bổ sung giấy tờ', en: 'Citizen fetching papers' },
  cChipCopy: { vi: 'Công dân đi photo, chứng thực', en: 'Citizen making copies' },
  cChipLookup: { vi: 'Chờ tra cứu hồ sơ', en: 'Waiting for a record lookup' },
  cChipBreak: { vi: 'Nghỉ giải lao', en: 'Short break' },
  cChipMeeting: { vi: 'Họp', en: 'Meeting' },
  cChipSystem: { vi: 'Lỗi hệ thống', en: 'System fault' },
  cChipLunch: { vi: 'Nghỉ trưa', en: 'Lunch' },
  cChipWrongLine: { vi: 'Lấy nhầm dịch vụ', en: 'Took the wrong service' },
  cDone: { vi: 'Đã xong', en: 'Done' },
  cSinceLabel: { vi: 'từ', en: 'since' },
  cLinesWaiting: { vi: 'Số người chờ', en: 'Waiting' },
  cUnpaired: { vi: 'Máy này chưa được ghép làm máy quầy: mở lại trang với ?token=… (mã của máy quầy)', en: 'This device is not paired as a counter: open the page again with ?token=… (a counter token)' },
  cWorking: { vi: 'Đang xử lý…', en: 'Working…' },
  cOk: { vi: 'Đóng', en: 'Close' },

  // ── Rating page (/rating/) ──
  ratingThanks: { vi: 'Cảm ơn quý khách', en: 'Thank you' },
  ratingIdleHint: { vi: 'Sau khi được phục vụ, quý khách có thể đánh giá tại đây', en: 'After your service, you can rate it here' },
  ratingAsk: { vi: 'Quý khách đánh giá thế nào về dịch vụ vừa nhận?', en: 'How was the service you just received?' },
  ratingTicket: { vi: 'Số vé', en: 'Ticket' },
  star1: { vi: 'Rất không hài lòng', en: 'Very unhappy' },
  star2: { vi: 'Không hài lòng', en: 'Unhappy' },
  star3: { vi: 'Bình thường', en: 'Okay' },
  star4: { vi: 'Hài lòng', en: 'Happy' },
  star5: { vi: 'Rất hài lòng', en: 'Very happy' },
  ratingWhy: { vi: 'Điều gì chưa tốt? (chọn một hoặc nhiều)', en: 'What was not good? (pick one or more)' },
  reasonWait: { vi: 'Chờ lâu', en: 'Long wait' },
  reasonAttitude: { vi: 'Thái độ cán bộ', en: 'Staff attitude' },
  reasonGuidance: { vi: 'Hướng dẫn chưa rõ', en: 'Unclear guidance' },
  reasonPapers: { vi: 'Giấy tờ phức tạp', en: 'Complicated papers' },
  reasonFee: { vi: 'Phí, lệ phí', en: 'Fees' },
  reasonFacilities: { vi: 'Cơ sở vật chất', en: 'Facilities' },
  reasonOther: { vi: 'Lý do khác', en: 'Other' },
  ratingComment: { vi: 'Góp ý thêm (không bắt buộc)', en: 'Comment (optional)' },
  ratingSend: { vi: 'Gửi', en: 'Send' },
  ratingSending: { vi: 'Đang gửi…', en: 'Sending…' },
  ratingDoneTitle: { vi: 'Cảm ơn quý khách đã đánh giá!', en: 'Thank you for your rating!' },
  ratingDoneHint: { vi: 'Ý kiến của quý khách giúp chúng tôi phục vụ tốt hơn', en: 'Your opinion helps us serve you better' },
  ratingRated: { vi: 'Vé này đã được đánh giá rồi. Cảm ơn quý khách!', en: 'This ticket was rated already. Thank you!' },
  ratingState: { vi: 'Vé này chưa hoàn tất hoặc đã quá hạn đánh giá', en: 'This ticket is not finished, or too old to rate' },
  ratingFailed: { vi: 'Chưa gửi được đánh giá — vui lòng thử lại', en: 'The rating was not sent — please try again' },
  ratingNoCounter: { vi: 'Thiết bị chưa gắn với quầy: mở lại trang với ?counter=…', en: 'This tablet has no counter: open the page again with ?counter=…' },
  ratingCloses: { vi: 'Tự đóng sau', en: 'Closes in' },

  // ── Reports page (/reports/) ──
  pinTitle: { vi: 'Nhập mã PIN nhân viên', en: 'Enter the staff PIN' },
  pinOk: { vi: 'Xem báo cáo', en: 'Open reports' },
  pinClear: { vi: 'Xoá', en: 'Clear' },
  pinWrong: { vi: 'Mã PIN không đúng hoặc đang bị khoá', en: 'Wrong PIN, or the pad is locked' },
  repFrom: { vi: 'Từ ngày', en: 'From' },
  repTo: { vi: 'Đến ngày', en: 'To' },
  repToday: { vi: 'Hôm nay', en: 'Today' },
  rep7: { vi: '7 ngày', en: '7 days' },
  rep30: { vi: '30 ngày', en: '30 days' },
  repLoading: { vi: 'Đang tải…', en: 'Loading…' },
  repCsv: { vi: 'Tải CSV', en: 'Download CSV' },
  repXlsx: { vi: 'Tải Excel (XLSX)', en: 'Download Excel (XLSX)' },
  repLock: { vi: 'Khoá', en: 'Lock' },
  repTotal: { vi: 'Tổng cộng', en: 'Total' },
  repByDay: { vi: 'Theo ngày', en: 'By day' },
  repByService: { vi: 'Theo dịch vụ', en: 'By service' },
  repByCounter: { vi: 'Theo quầy', en: 'By counter' },
  repByOfficer: { vi: 'Theo cán bộ', en: 'By officer' },
  colKey: { vi: 'Nhóm', en: 'Group' },
  colTickets: { vi: 'Số vé', en: 'Tickets' },
  colServed: { vi: 'Đã phục vụ', en: 'Served' },
  colWait: { vi: 'Chờ p50 / p90 (phút)', en: 'Wait p50 / p90 (min)' },
  colServe: { vi: 'Phục vụ p50 / p90 (phút)', en: 'Service p50 / p90 (min)' },
  colNoShows: { vi: 'Vắng mặt', en: 'No-shows' },
  colTransfers: { vi: 'Chuyển', en: 'Transfers' },
  colRatings: { vi: 'Đánh giá', en: 'Ratings' },
  colStars: { vi: 'Sao TB', en: 'Mean stars' },
  colLow: { vi: '≤ 3 sao', en: '≤ 3 stars' },
  repEstimate: { vi: 'Độ chính xác của thời gian chờ dự kiến', en: 'Accuracy of the estimated wait' },
  repEstimateNone: { vi: 'Chưa có vé nào được gọi có thời gian chờ dự kiến', en: 'No called ticket had an estimated wait yet' },
  repReasons: { vi: 'Lý do đánh giá thấp', en: 'Reasons of low ratings' },
  repNoData: { vi: 'Không có số liệu trong khoảng thời gian này', en: 'No figures for this period' },
  chartTickets: { vi: 'Số vé', en: 'Tickets' },
  chartWait: { vi: 'Chờ p50 (phút)', en: 'Wait p50 (min)' },
  chartStars: { vi: 'Sao trung bình', en: 'Mean stars' },
  chartPerService: { vi: 'Số vé và thời gian chờ theo dịch vụ', en: 'Tickets and wait per service' },
  chartPerCounter: { vi: 'Số vé và thời gian chờ theo quầy', en: 'Tickets and wait per counter' },
  chartPerOfficer: { vi: 'Sao trung bình theo cán bộ', en: 'Mean stars per officer' },
  repFailed: { vi: 'Không tải được báo cáo', en: 'Could not load the report' },

  // paper alerts
  // Banners on the counter page ({k}: the kiosk's name; alerts.ts bannerText).
  paNearEnd: { vi: 'Ki-ốt {k}: máy in sắp hết giấy', en: 'Kiosk {k}: printer paper running low' },
  paOut: { vi: 'Ki-ốt {k}: máy in hết giấy', en: 'Kiosk {k}: printer out of paper' },
  paDismiss: { vi: 'Đã biết', en: 'OK' },
  paRegion: { vi: 'Cảnh báo giấy in của ki-ốt', en: "Kiosks' paper alerts" },
  // fleet page
  // ── Technician's page (/fleet/): one card per kiosk ──
  fleetTitle: { vi: 'Tình trạng các kiosk', en: 'Kiosk health' },
  fleetPinOk: { vi: 'Xem tình trạng', en: 'Open' },
  fleetLock: { vi: 'Khoá', en: 'Lock' },
  fleetLoading: { vi: 'Đang tải…', en: 'Loading…' },
  fleetNone: { vi: 'Chưa có kiosk nào — ghép kiosk bằng: motcua-centre enroll kiosk TÊN', en: 'No kiosk yet — enrol one with: motcua-centre enroll kiosk NAME' },
  fleetRelock: { vi: 'Mã PIN đã đổi hoặc bàn phím bị khoá — nhập lại mã PIN', en: 'The PIN changed or the pad is locked — enter the PIN again' },
  fleetFailed: { vi: 'Trung tâm không trả được danh sách kiosk', en: 'The centre could not list the kiosks' },
  fleetStale: { vi: 'Không liên lạc được với trung tâm — các thẻ dưới đây là thông tin cũ', en: 'Cannot reach the centre — the cards below are out of date' },
  fleetStaleCard: { vi: 'Thông tin cũ', en: 'Out of date' },
  fleetUpdated: { vi: 'Cập nhật lúc', en: 'Updated at' },
  fleetKiosks: { vi: 'Tổng: {n} kiosk', en: 'Total: {n}' },
  fleetGreen: { vi: 'Hoạt động tốt', en: 'OK' },
  fleetAmber: { vi: 'Cần ghé kiểm tra', en: 'Needs a visit' },
  fleetRed: { vi: 'Lỗi thiết bị', en: 'Device fault' },
  fleetOffline: { vi: 'Mất liên lạc', en: 'Offline' },
  fleetPrinter: { vi: 'Máy in', en: 'Printer' },
  fleetPrinterOk: { vi: 'bình thường', en: 'working' },
  fleetPrinterNearEnd: { vi: 'sắp hết giấy', en: 'paper near end' },
  fleetPrinterOut: { vi: 'hết giấy', en: 'out of paper' },
  fleetPrinterCover: { vi: 'nắp đang mở', en: 'cover open' },
  fleetPrinterOffline: { vi: 'mất kết nối (rút dây hoặc không trả lời)', en: 'unplugged or not answering' },
  fleetNotUsed: { vi: 'không dùng', en: 'not used' },
  fleetReader: { vi: 'Đầu đọc CCCD', en: 'ID card reader' },
  fleetReaderOk: { vi: 'bình thường', en: 'working' },
  fleetReaderFault: { vi: 'lỗi (mất cổng hoặc không trả lời)', en: 'fault (port gone or not answering)' },
  fleetLastBeat: { vi: 'Tín hiệu cuối', en: 'Last beat' },
  fleetNever: { vi: 'Chưa gửi tín hiệu lần nào', en: 'Never sent a beat' },
  fleetAgo: { vi: '{t} trước', en: '{t} ago' },
  fleetSec: { vi: '{n} giây', en: '{n} s' },
  fleetMin: { vi: '{n} phút', en: '{n} min' },
  fleetHour: { vi: '{n} giờ', en: '{n} h' },
  fleetDay: { vi: '{n} ngày', en: '{n} d' },
  fleetEvery: { vi: 'gửi mỗi {n} giây', en: 'every {n} s' },
  fleetVersion: { vi: 'Phiên bản', en: 'Version' },
  fleetUptime: { vi: 'Thời gian chạy', en: 'Uptime' },
  fleetDisk: { vi: 'Đĩa còn trống', en: 'Free disk' },
  fleetDiskLow: { vi: 'sắp đầy', en: 'low' },
  fleetCatalog: { vi: 'Danh mục thủ tục', en: 'Catalog' },
  fleetBundles: { vi: 'Gói dữ liệu', en: 'Bundles' },
  fleetLastError: { vi: 'Lỗi gần nhất', en: 'Last error' },
  fleetNoError: { vi: 'không có', en: 'none' },
  fleetUnknown: { vi: 'không rõ', en: 'unknown' },
} satisfies Record<string, VE>

/** counter is "Quầy 3" / "Counter 3". */
export function counterName(c: string): VE {
  return { vi: `Quầy ${c}`, en: `Counter ${c}` }
}

/** people waiting: "3 người chờ" / "3 waiting". */
export function waiting(n: number): VE {
  return { vi: `${n} người chờ`, en: `${n} waiting` }
}

/** estWait reads an estimated wait in seconds: "khoảng 15 phút"; "—" when unknown (-1). */
export function estWait(seconds: number): VE {
  if (!(seconds >= 0)) return { vi: '—', en: '—' }
  const min = Math.max(1, Math.round(seconds / 60))
  if (min < 60) return { vi: `khoảng ${min} phút`, en: `about ${min} min` }
  const h = Math.floor(min / 60)
  const m = min % 60
  return m === 0
    ? { vi: `khoảng ${h} giờ`, en: `about ${h} h` }
    : { vi: `khoảng ${h} giờ ${m} phút`, en: `about ${h} h ${m} min` }
}

/** status of the ticket at a counter. */
export function ticketStatus(status: string): VE | null {
  switch (status) {
    case 'called':
      return S.statusCalled
    case 'serving':
      return S.statusServing
  }
  return null
}

/** fill puts values into a string's {name} holes. */
export function fill(t: VE, vars: Record<string, string | number>): VE {
  const f = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))
  return { vi: f(t.vi), en: f(t.en) }
}

/** clock is HH:MM:SS in Vietnam's 24-hour style. */
export function clock(d: Date, seconds = true): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}` + (seconds ? `:${p(d.getSeconds())}` : '')
}

// ── Rating page (/rating/): labels by code ──

/** starLabel is the label of a face, 1 to 5. */
export function starLabel(n: number): VE {
  return [S.star1, S.star2, S.star3, S.star4, S.star5][n - 1] ?? { vi: String(n), en: String(n) }
}

/** reasonLabel reads a rating.VisitReasons code. */
export function reasonLabel(code: string): VE {
  const m: Record<string, VE> = {
    wait: S.reasonWait, attitude: S.reasonAttitude, guidance: S.reasonGuidance, papers: S.reasonPapers,
    fee: S.reasonFee, facilities: S.reasonFacilities, other: S.reasonOther,
  }
  return m[code] ?? { vi: code, en: code }
}

// ── Reports page (/reports/): figures in words ──

/** minutes reads seconds as minutes with one decimal; "—" for -1 (nothing measured). */
export function minutes(seconds: number): string {
  if (!(seconds >= 0)) return '—'
  const m = seconds / 60
  return m < 10 ? m.toFixed(1).replace('.', ',') : String(Math.round(m))
}

/** estimateWords says the estimated wait's error in plain words. */
export function estimateWords(n: number, mae: number, bias: number): VE {
  if (n <= 0 || mae < 0) return S.repEstimateNone
  const m = minutes(mae)
  const b = minutes(Math.abs(bias))
  const head = {
    vi: `Trên ${n} vé đã gọi, thời gian chờ dự kiến in trên vé lệch trung bình ${m} phút so với thực tế`,
    en: `Over ${n} called tickets, the estimated wait printed on the ticket was off by ${m} min on average`,
  }
  if (Math.abs(bias) < 30) return { vi: head.vi + '; không nghiêng về phía nào.', en: head.en + ', with no lean either way.' }
  return bias > 0
    ? { vi: head.vi + `; nhìn chung dự kiến dài hơn thực tế ${b} phút.`, en: head.en + `; on the whole it said ${b} min longer than the real wait.` }
    : { vi: head.vi + `; nhìn chung dự kiến ngắn hơn thực tế ${b} phút.`, en: head.en + `; on the whole it said ${b} min shorter than the real wait.` }
}
