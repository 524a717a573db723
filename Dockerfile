# syntax=docker/dockerfile:1
# Lead Graph: build the TypeScript, then a runtime with production dependencies, dist/ and schema/.
# test/graph/process/image.test.ts reproduces this file set without Docker (it reads the COPY and RUN lines).
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts
COPY --from=build /app/dist ./dist
COPY schema ./schema
# The image's own unprivileged user (uid 1000): nothing here needs root or writes to /app.
USER node
EXPOSE 4000
# node itself, not npm: signals reach the server, whose drain follows SIGTERM (docs/operating.md).
CMD ["node", "dist/index.js"]
