@echo off
rem promptbench launcher for Windows (cmd and PowerShell): builds the jar on first use, then runs it.
rem In a release archive the jar is lib\promptbench.jar beside this script and nothing is built.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\promptbench-all.jar"
if exist "%HERE%lib\promptbench.jar" set "JAR=%HERE%lib\promptbench.jar"
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
rem A new jar needs a new class-data archive (see below).
del /q "%JAR%.jsa" "%JAR%.jsa.failed" 2>nul
:unlock
rmdir "%HERE%target\.build.lock" 2>nul

:run
set "JAVA_CMD=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_CMD=%JAVA_HOME%\bin\java.exe"
if not defined PROMPTBENCH_JAVA_OPTS set "PROMPTBENCH_JAVA_OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn32m -Xss512k"
rem Class-data sharing (see bench\README.md, startup): a training run against the built-in simulator
rem writes an archive of the classes a run loads, once per build; later runs map it. The JVM ignores an
rem archive that does not fit its jar or JDK, its CDS logging is off, and an unwritable folder means no
rem archive (never a failed run). PROMPTBENCH_CDS=0 turns it off.
set "CDS="
set "CDSLOG=-XX:+IgnoreUnrecognizedVMOptions -Xlog:cds=off -Xlog:cds+dynamic=off"
if "%PROMPTBENCH_CDS%"=="0" goto java
if exist "%JAR%.jsa" goto cds
if exist "%JAR%.jsa.failed" goto java
type nul > "%JAR%.jsa.failed" 2>nul
if not exist "%JAR%.jsa.failed" goto java
set "TRAIN=%TEMP%\promptbench-train-%RANDOM%%RANDOM%"
mkdir "%TRAIN%" 2>nul
(echo training prompt 1& echo training prompt 2& echo training prompt 3& echo training prompt 4) > "%TRAIN%\prompts.txt"
"%JAVA_CMD%" %PROMPTBENCH_JAVA_OPTS% %CDSLOG% "-XX:ArchiveClassesAtExit=%TRAIN%\pb.jsa" -Dfile.encoding=UTF-8 -jar "%JAR%" run "%TRAIN%\prompts.txt" --threads 2 --no-warmup --sim-ttft-median 0ms --sim-token-delay 0ms --out "%TRAIN%\results.jsonl" --force --quiet >nul 2>nul <nul
if exist "%TRAIN%\pb.jsa" move /y "%TRAIN%\pb.jsa" "%JAR%.jsa" >nul 2>nul
rmdir /s /q "%TRAIN%" 2>nul
if not exist "%JAR%.jsa" goto java
rem The marker stays only when training failed: not again until the next build.
del /q "%JAR%.jsa.failed" 2>nul
:cds
set "CDS=%CDSLOG% "-XX:SharedArchiveFile=%JAR%.jsa""
:java
"%JAVA_CMD%" %PROMPTBENCH_JAVA_OPTS% %CDS% -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -jar "%JAR%" %*
exit /b %ERRORLEVEL%
