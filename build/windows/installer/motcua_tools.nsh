# Kiosk một cửa: macros for project.nsi (our own; `wails build -nsis` also
# writes its generated wails_tools.nsh beside this file, which we do not use).
# wails passes -DARG_WAILS_AMD64_BINARY=<the built .exe> to makensis.

!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"
!include "FileFunc.nsh"

!ifndef INFO_PRODUCTNAME
  !define INFO_PRODUCTNAME "Kiosk một cửa"
!endif
!ifndef INFO_COMPANYNAME
  !define INFO_COMPANYNAME "Kiosk một cửa"
!endif
!ifndef INFO_PRODUCTVERSION
  !define INFO_PRODUCTVERSION "0.1.0"
!endif
!define PRODUCT_EXECUTABLE "motcua-kiosk.exe"
# Folder under %ProgramData%: config and queue store (config.InstalledDirName).
!define DATA_DIR_NAME "MotCua"
# The logon task (Task Scheduler folder \MotCua).
!define TASK_NAME "MotCua\Kiosk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\MotCuaKiosk"
# WebView2 Runtime's client id in EdgeUpdate (the same for every install).
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!ifndef ARG_WAILS_AMD64_BINARY
  !error "motcua: build with make installer-windows (wails build -nsis passes ARG_WAILS_AMD64_BINARY)"
!endif

# Windows 10 or later on x64; a silent install fails with an exit code.
!macro motcua.requireWindows
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${IsNativeAMD64}
    IfSilent 0 +3
      SetErrorLevel 64
      Quit
    MessageBox MB_OK|MB_ICONSTOP "Kiosk một cửa cần Windows 10 trở lên, 64-bit (x64).$\r$\nWindows 10 or later, x64, is required."
    Quit
  ${EndIf}
!macroend

# WebView2 Runtime: present when EdgeUpdate lists a version for it (machine
# wide: the 32-bit registry view on 64-bit Windows; per user: HKCU).
# Otherwise run the Evergreen bootstrapper that wails writes to
# tmp\MicrosoftEdgeWebview2Setup.exe: it downloads the runtime, so the
# machine needs internet once; offline sites install the Evergreen
# standalone runtime first (README).
!macro motcua.webview2
  SetRegView 32
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  SetRegView 64
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    DetailPrint "WebView2 Runtime $0: có sẵn / already installed"
  ${Else}
    DetailPrint "Cài WebView2 Runtime (tải từ Microsoft) / installing WebView2 Runtime (download)"
    InitPluginsDir
    SetOutPath "$PLUGINSDIR"
    File "tmp\MicrosoftEdgeWebview2Setup.exe"
    ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
    ${If} $1 != 0
      DetailPrint "WebView2 bootstrapper exit code $1: the kiosk will not start until WebView2 is installed"
      IfSilent +2
        MessageBox MB_OK|MB_ICONEXCLAMATION "Không cài được WebView2 Runtime (mã $1). Kiểm tra mạng rồi chạy lại bộ cài, hoặc cài bản Evergreen Standalone.$\r$\nWebView2 Runtime was not installed (code $1): check the network and run the installer again, or install the Evergreen Standalone runtime."
    ${EndIf}
    SetOutPath "$INSTDIR"
  ${EndIf}
!macroend

# The data folder, %ProgramData%\MotCua: the default config only when there
# is none (an upgrade never overwrites the technician's kiosk.toml), and
# Modify for the local Users group, because the kiosk runs as a standard
# user and writes its queue store and config there.
!macro motcua.dataFolder DIR
  CreateDirectory "${DIR}"
  ${IfNot} ${FileExists} "${DIR}\kiosk.toml"
    SetOutPath "${DIR}"
    File "/oname=kiosk.toml" "..\..\..\config\kiosk.example.toml"
    DetailPrint "Cấu hình mặc định / default config: ${DIR}\kiosk.toml"
  ${Else}
    DetailPrint "Giữ cấu hình hiện có / keeping the existing config: ${DIR}\kiosk.toml"
  ${EndIf}
  # *S-1-5-32-545 is BUILTIN\Users, named by SID so a Vietnamese Windows works too.
  nsExec::ExecToLog 'icacls "${DIR}" /grant *S-1-5-32-545:(OI)(CI)M /Q'
  Pop $0
  ${If} $0 != 0
    DetailPrint "icacls exit code $0: give the kiosk account write access to ${DIR} by hand"
  ${EndIf}
  SetOutPath "$INSTDIR"
!macroend

# Auto-start: a Task Scheduler task that runs "motcua-kiosk.exe -supervise"
# at the logon of the kiosk account, with that account's interactive token
# (no stored password), normal priority and no time limit. The supervisor
# starts the kiosk again after every exit (nightly restart, crash).
# schtasks /Create /XML wants UTF-16 with a byte order mark.
!macro motcua.registerTask USER
  InitPluginsDir
  FileOpen $9 "$PLUGINSDIR\task.xml" w
  FileWriteUTF16LE /BOM $9 '<?xml version="1.0" encoding="UTF-16"?>$\r$\n'
  FileWriteUTF16LE $9 '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">$\r$\n'
  FileWriteUTF16LE $9 '<RegistrationInfo><Description>Kiosk một cửa: starts the kiosk at the logon of ${USER} and restarts it when it exits.</Description></RegistrationInfo>$\r$\n'
  FileWriteUTF16LE $9 '<Triggers><LogonTrigger><Enabled>true</Enabled><UserId>${USER}</UserId><Delay>PT5S</Delay></LogonTrigger></Triggers>$\r$\n'
  FileWriteUTF16LE $9 '<Principals><Principal id="Kiosk"><UserId>${USER}</UserId><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>$\r$\n'
  FileWriteUTF16LE $9 '<Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy><DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries><StopIfGoingOnBatteries>false</StopIfGoingOnBatteries><ExecutionTimeLimit>PT0S</ExecutionTimeLimit><RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure><Priority>4</Priority><Enabled>true</Enabled></Settings>$\r$\n'
  FileWriteUTF16LE $9 '<Actions Context="Kiosk"><Exec><Command>"$INSTDIR\${PRODUCT_EXECUTABLE}"</Command><Arguments>-supervise</Arguments><WorkingDirectory>$INSTDIR</WorkingDirectory></Exec></Actions>$\r$\n'
  FileWriteUTF16LE $9 '</Task>$\r$\n'
  FileClose $9
  nsExec::ExecToLog 'schtasks /Create /TN "${TASK_NAME}" /XML "$PLUGINSDIR\task.xml" /F'
  Pop $0
  ${If} $0 == 0
    DetailPrint "Tự khởi động khi ${USER} đăng nhập / auto-start at the logon of ${USER}: task ${TASK_NAME}"
  ${Else}
    DetailPrint "schtasks exit code $0: no auto-start (does the account ${USER} exist?)"
    IfSilent +2
      MessageBox MB_OK|MB_ICONEXCLAMATION "Không tạo được tác vụ tự khởi động cho tài khoản $\"${USER}$\" (mã $0). Tạo tài khoản rồi chạy lại bộ cài.$\r$\nThe auto-start task for the account $\"${USER}$\" was not created (code $0): create the account, then run the installer again."
  ${EndIf}
!macroend

!macro motcua.removeTask
  nsExec::ExecToLog 'schtasks /Delete /TN "${TASK_NAME}" /F'
  Pop $0
!macroend

# Stop a running kiosk (and its supervisor) so its files can be replaced or removed.
!macro motcua.stopKiosk
  nsExec::ExecToLog 'taskkill /F /IM "${PRODUCT_EXECUTABLE}"'
  Pop $0
  Sleep 500
!macroend

!macro motcua.writeUninstaller
  WriteUninstaller "$INSTDIR\uninstall.exe"
  SetRegView 64
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${INFO_PRODUCTNAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${INFO_COMPANYNAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${INFO_PRODUCTVERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_EXECUTABLE}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
!macroend
