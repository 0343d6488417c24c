# sitelint in a container: Debian, the runtime packages only.
#
#   docker build -t sitelint .
#   docker run --rm -v "$PWD:/src" sitelint --offline
#
# The build stage compiles with the -dev packages; the image keeps the
# binary, its manual and the libraries and word lists it reads at run
# time.
FROM debian:bookworm-slim AS build
RUN apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
        libyaml-dev libpcre2-dev uthash-dev libcurl4-openssl-dev \
        libhunspell-dev binutils && \
    rm -rf /var/lib/apt/lists/*
COPY . /sitelint
RUN make -C /sitelint clean && make -C /sitelint WERROR=1 && \
    make -C /sitelint install PREFIX=/usr/local DESTDIR=/out

FROM debian:bookworm-slim
RUN apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6 \
        libyaml-0-2 libpcre2-8-0 libcurl4 ca-certificates \
        libhunspell-1.7-0 hunspell-en-us codespell && \
    rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/local /usr/local
WORKDIR /src
ENTRYPOINT ["sitelint"]
