@echo off
rem promptbench launcher for Windows (cmd and PowerShell): builds the jar on first use, then runs it.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\promptbench-all.jar"
if exist "%JAR%" goto run

if not exist "%HERE%target" mkdir "%HERE%target"
rem mkdir is atomic: one first run builds, a second one waits for it.
:lock
mkdir "%HERE%target\.build.lock" 2>nul
if errorlevel 1 (
  rem ping waits about a second; timeout /t fails when input is redirected (CI, IDEs).
  ping -n 2 127.0.0.1 >nul
  if exist "%JAR%" goto run
  goto lock
)
if exist "%JAR%" goto unlock
echo promptbench: building (first run; about a minute)... 1>&2
pushd "%HERE%"
call mvnw.cmd -q -B -DskipTests package > "%HERE%target\build.log" 2>&1
set "BUILD=%ERRORLEVEL%"
popd
if not "%BUILD%"=="0" (
  echo promptbench: the build failed; see %HERE%target\build.log 1>&2
  rmdir "%HERE%target\.build.lock" 2>nul
  exit /b 5
)
for %%F in ("%HERE%target\promptbench-*-all.jar") do copy /y "%%F" "%JAR%" >nul
:unlock
rmdir "%HERE%target\.build.lock" 2>nul

:run
set "JAVA_CMD=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_CMD=%JAVA_HOME%\bin\java.exe"
if not defined PROMPTBENCH_JAVA_OPTS set "PROMPTBENCH_JAVA_OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn32m -Xss512k"
"%JAVA_CMD%" %PROMPTBENCH_JAVA_OPTS% -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -jar "%JAR%" %*
exit /b %ERRORLEVEL%
