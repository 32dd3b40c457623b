@echo off
rem Developer launcher of Legitimera, written by the Maven build (app\target\legitimera.cmd).
rem No arguments: the tray app. A subcommand: the CLI (legitimera --help).
setlocal
set "HERE=%~dp0"
set "JAVA=%LEGITIMERA_JAVA%"
if "%JAVA%"=="" if exist "${java.home}\bin\java.exe" set "JAVA=${java.home}\bin\java.exe"
if "%JAVA%"=="" if not "%JAVA_HOME%"=="" set "JAVA=%JAVA_HOME%\bin\java.exe"
if "%JAVA%"=="" set "JAVA=java"
"%JAVA%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k ^
  --enable-native-access=ALL-UNNAMED,com.sun.jna,javafx.graphics ^
  %LEGITIMERA_JAVA_OPTS% ^
  --module-path "%HERE%legitimera-app.jar;%HERE%lib;%HERE%demo" ^
  --add-modules ALL-MODULE-PATH ^
  -m se.legitimera.app/se.legitimera.app.launcher.Main %*
exit /b %ERRORLEVEL%
