# Kiosk một cửa: Windows installer. Built on Linux by `make installer-windows`
# (wails build -platform windows/amd64 -nsis, Debian's nsis); the result is
# build/bin/motcua-kiosk-amd64-installer.exe. README: "Windows installer".
#
# It installs the kiosk to Program Files, WebView2 if missing, the data
# folder %ProgramData%\MotCua with a default kiosk.toml (never overwritten),
# and a logon task for the kiosk account. Command line (silent installs):
#   motcua-kiosk-amd64-installer.exe /S /KIOSKUSER=kiosk [/NOTASK] [/D=C:\Path]
#   (/NOTASK: no logon task, for a PC where Shell Launcher runs the kiosk)
#   uninstall.exe /S [/DELETEDATA]   (the data folder stays without /DELETEDATA)
Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!include "motcua_tools.nsh"
!include "MUI2.nsh"
!include "nsDialogs.nsh"

Name "${INFO_PRODUCTNAME}"
OutFile "..\..\bin\motcua-kiosk-amd64-installer.exe"
InstallDir "$PROGRAMFILES64\MotCua"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${INFO_PRODUCTNAME} ${INFO_PRODUCTVERSION}"

VIProductVersion "${INFO_PRODUCTVERSION}.0"
VIFileVersion "${INFO_PRODUCTVERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${INFO_PRODUCTNAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${INFO_COMPANYNAME}"
VIAddVersionKey /LANG=0 "FileDescription" "${INFO_PRODUCTNAME} installer"
VIAddVersionKey /LANG=0 "ProductVersion" "${INFO_PRODUCTVERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${INFO_PRODUCTVERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Kiosk một cửa contributors"

Var KioskUser   # the Windows account the kiosk runs as (/KIOSKUSER=, default "kiosk")
Var UserField
Var DataDir     # %ProgramData%\MotCua
Var NoTask      # "1" with /NOTASK

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_NOAUTOCLOSE
!define MUI_UNFINISHPAGE_NOAUTOCLOSE
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
Page custom KioskUserPage KioskUserLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_PAGE_HEADER_TEXT "Gỡ cài đặt / Uninstall"
!define MUI_PAGE_HEADER_SUBTEXT "Chương trình được gỡ; thư mục dữ liệu được giữ lại trừ khi đánh dấu bên dưới. / The program is removed; the data folder is kept unless ticked below."
!define MUI_COMPONENTSPAGE_TEXT_TOP "Thư mục dữ liệu C:\ProgramData\MotCua chứa cấu hình (kiosk.toml) và kho hàng đợi (kiosk.db: số thứ tự, thanh toán, đánh giá). Mặc định KHÔNG xoá. / The data folder holds the config and the queue store; it is NOT deleted unless you tick it."
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

Function .onInit
  !insertmacro motcua.requireWindows
  SetShellVarContext all
  SetRegView 64
  StrCpy $DataDir "$APPDATA\${DATA_DIR_NAME}"
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/KIOSKUSER=" $KioskUser
  ${If} ${Errors}
  ${OrIf} $KioskUser == ""
    StrCpy $KioskUser "kiosk"
  ${EndIf}
  ClearErrors
  ${GetOptions} $0 "/NOTASK" $1
  ${IfNot} ${Errors}
    StrCpy $NoTask "1"
  ${EndIf}
FunctionEnd

Function KioskUserPage
  ${If} $NoTask == "1"
    Abort
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "Tài khoản kiosk / Kiosk account" "Kiosk tự khởi động khi tài khoản này đăng nhập. / The kiosk starts when this account logs on."
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 48u "Tên tài khoản Windows chuẩn (không phải quản trị) mà kiosk chạy dưới đó, ví dụ kiosk. Tạo tài khoản trước nếu chưa có. / The standard (non-admin) Windows account the kiosk runs as; create it first."
  Pop $0
  ${NSD_CreateText} 0 52u 60% 13u "$KioskUser"
  Pop $UserField
  nsDialogs::Show
FunctionEnd

Function KioskUserLeave
  ${NSD_GetText} $UserField $KioskUser
  ${If} $KioskUser == ""
    MessageBox MB_OK|MB_ICONEXCLAMATION "Nhập tên tài khoản kiosk. / Enter the kiosk account name."
    Abort
  ${EndIf}
FunctionEnd

Section "Kiosk" SecKiosk
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  !insertmacro motcua.stopKiosk
  !insertmacro motcua.webview2
  SetOutPath "$INSTDIR"
  File "/oname=${PRODUCT_EXECUTABLE}" "${ARG_WAILS_AMD64_BINARY}"
  # The reference of every key, refreshed on each upgrade (kiosk.toml is not).
  File "/oname=kiosk.example.toml" "..\..\..\config\kiosk.example.toml"
  !insertmacro motcua.dataFolder "$DataDir"
  CreateDirectory "$SMPROGRAMS\${INFO_PRODUCTNAME}"
  CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"
  CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}\Thư mục dữ liệu (data folder).lnk" "$DataDir"
  ${If} $NoTask == "1"
    !insertmacro motcua.removeTask
    DetailPrint "/NOTASK: no logon task (Shell Launcher starts the kiosk)"
  ${Else}
    !insertmacro motcua.registerTask "$KioskUser"
  ${EndIf}
  !insertmacro motcua.writeUninstaller
SectionEnd

# ---- uninstaller ----

Section "un.Kiosk" SecUnKiosk
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  !insertmacro motcua.stopKiosk
  !insertmacro motcua.removeTask
  Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
  Delete "$INSTDIR\kiosk.example.toml"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}\${INFO_PRODUCTNAME}.lnk"
  Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}\Thư mục dữ liệu (data folder).lnk"
  RMDir "$SMPROGRAMS\${INFO_PRODUCTNAME}"
  DeleteRegKey HKLM "${UNINST_KEY}"
  DetailPrint "Giữ thư mục dữ liệu / data folder kept unless ticked: $APPDATA\${DATA_DIR_NAME}"
SectionEnd

# Off unless ticked (or /DELETEDATA on a silent uninstall).
Section /o "un.Xoá cả thư mục dữ liệu (cấu hình và kho hàng đợi) / also delete the data folder (config and queue store)" SecUnData
  SetShellVarContext all
  RMDir /r "$APPDATA\${DATA_DIR_NAME}"
  DetailPrint "Đã xoá thư mục dữ liệu / data folder deleted: $APPDATA\${DATA_DIR_NAME}"
SectionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecUnData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
