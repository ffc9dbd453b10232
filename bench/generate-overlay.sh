#!/usr/bin/env bash
# Writes a base + overlay of OBJECTS objects (default 5000) into DIR: per unit one Deployment, Service and
# ServiceAccount from files plus one generated ConfigMap and one generated Secret (5 objects a unit), with
# name references between them. The overlay adds namePrefix, namespace, commonLabels, images, a
# strategic-merge patch on every Deployment, a JSON6902 patch on every Deployment, and a strategic-merge
# patch file on one Service. Usage: generate-overlay.sh DIR [OBJECTS]
set -euo pipefail
dir=$1
units=$(( ${2:-5000} / 5 ))
mkdir -p "$dir/base" "$dir/overlay"
awk -v units="$units" -v base="$dir/base" 'BEGIN {
  res = base "/all.yaml"; k = base "/kustomization.yaml"
  for (i = 1; i <= units; i++) {
    printf "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-%d\nspec:\n  selector:\n    matchLabels:\n      app: app-%d\n  template:\n    metadata:\n      labels:\n        app: app-%d\n    spec:\n      serviceAccountName: sa-%d\n      containers:\n      - name: main\n        image: nginx:1.25\n        envFrom:\n        - configMapRef:\n            name: cfg-%d\n        env:\n        - name: PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: sec-%d\n              key: password\n---\n", i, i, i, i, i, i > res
    printf "apiVersion: v1\nkind: Service\nmetadata:\n  name: app-%d\nspec:\n  selector:\n    app: app-%d\n  ports:\n  - port: 80\n    targetPort: 8080\n---\n", i, i > res
    printf "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-%d\n---\n", i > res
  }
  print "resources:\n- all.yaml\nconfigMapGenerator:" > k
  for (i = 1; i <= units; i++) printf "- name: cfg-%d\n  literals:\n  - key=value-%d\n  - mode=prod\n", i, i > k
  print "secretGenerator:" > k
  for (i = 1; i <= units; i++) printf "- name: sec-%d\n  literals:\n  - password=pw-%d\n", i, i > k
}'
cat > "$dir/overlay/kustomization.yaml" <<'X'
resources:
- ../base
namePrefix: prod-
namespace: prod
commonLabels:
  env: prod
images:
- name: nginx
  newTag: "1.27"
patches:
- path: service-1.yaml
- target:
    kind: Deployment
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
    spec:
      template:
        spec:
          containers:
          - name: main
            resources:
              limits:
                memory: 128Mi
- target:
    kind: Deployment
  patch: |-
    - op: add
      path: /spec/replicas
      value: 2
X
cat > "$dir/overlay/service-1.yaml" <<'X'
apiVersion: v1
kind: Service
metadata:
  name: app-1
spec:
  type: NodePort
X
