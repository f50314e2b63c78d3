#!/usr/bin/env bash
# Records the API of TREE (default: this checkout, built with `mvn package`) as released version VERSION:
# copies the jar of every module that exports packages into baseline/repo, a Maven repository in this tree
# that the build's baseline check reads. Then set <baseline.version>VERSION</baseline.version> in pom.xml.
# Usage: baseline/release.sh VERSION [TREE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${1:?usage: baseline/release.sh VERSION [TREE]}
tree=$(cd "${2:-$here/..}" && pwd)
count=0
for pom in "$tree"/*/pom.xml "$tree"/*/*/pom.xml; do
  grep -q '<Export-Package>' "$pom" || continue
  module=$(dirname "$pom")
  artifact=$(sed -n 's#^  <artifactId>\(.*\)</artifactId>#\1#p' "$pom" | head -1)
  jar=$(ls "$module"/target/"$artifact"-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1 || true)
  if [[ -z $jar ]]; then
    echo "baseline/release.sh: $module has no built jar: run 'mvn package -DskipTests' in $tree first" >&2
    exit 1
  fi
  dir="$here/repo/org/zonekeeper/$artifact/$version"
  mkdir -p "$dir"
  cp "$jar" "$dir/$artifact-$version.jar"
  cat > "$dir/$artifact-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.zonekeeper</groupId>
  <artifactId>$artifact</artifactId>
  <version>$version</version>
  <description>The released API of $artifact that the baseline check compares with.</description>
</project>
POM
  echo "baseline: $artifact $version <- ${jar#$tree/}"
  count=$((count + 1))
done
echo "baseline: $count modules recorded as $version; set <baseline.version>$version</baseline.version> in pom.xml"
