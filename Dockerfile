# syntax=docker/dockerfile:1
# Build: docker build -t redress .   Run: docker run -p 3000:3000 -e REDIS_URL=redis://redis:6379 redress
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install -g npm@11 && npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install -g npm@11 && npm ci --no-audit --no-fund
COPY . .
RUN npm run build:widget && npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Secrets come from the environment at run time, never from build arguments.
CMD ["node", "dist/src/main.js"]
