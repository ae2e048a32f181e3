# dipnet: build, install and uninstall like any command-line tool.
#
#   make                      release build (installs GLPK first when missing)
#   make install              dipnet, its man page and bash/zsh/fish completions under PREFIX
#   make install PREFIX=/usr/local
#   make uninstall            removes exactly what install put there
#   make test                 every test (scripts/test.sh, as CI runs it)
#
# PREFIX defaults to ~/.local: add ~/.local/bin to PATH and ~/.local/share/man to
# MANPATH if your system does not already. Completions go where bash-completion,
# zsh (add $(PREFIX)/share/zsh/site-functions to fpath) and fish look for them.

PREFIX  ?= $(HOME)/.local
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man/man1
BASHDIR  = $(PREFIX)/share/bash-completion/completions
ZSHDIR   = $(PREFIX)/share/zsh/site-functions
FISHDIR  = $(PREFIX)/share/fish/vendor_completions.d

RELEASE  = .build/release/dipnet
MANPAGE  = .build/plugins/GenerateManual/outputs/dipnet/dipnet.1

.PHONY: all build deps man install uninstall test clean

all: build

deps:
	scripts/install-deps.sh

build: deps
	swift build -c release --product dipnet

# The argument parser's manual plugin writes dipnet.1 from the same help texts
# the tool prints (one page, every subcommand).
man: build
	swift package plugin generate-manual --configuration release --authors "dipnet contributors"

install: build man
	install -d "$(BINDIR)" "$(MANDIR)" "$(BASHDIR)" "$(ZSHDIR)" "$(FISHDIR)"
	install -m 755 $(RELEASE) "$(BINDIR)/dipnet"
	install -m 644 $(MANPAGE) "$(MANDIR)/dipnet.1"
	$(RELEASE) --generate-completion-script bash > "$(BASHDIR)/dipnet"
	$(RELEASE) --generate-completion-script zsh > "$(ZSHDIR)/_dipnet"
	$(RELEASE) --generate-completion-script fish > "$(FISHDIR)/dipnet.fish"
	@echo "installed dipnet in $(BINDIR), its man page in $(MANDIR), completions for bash, zsh and fish"

uninstall:
	rm -f "$(BINDIR)/dipnet" "$(MANDIR)/dipnet.1" "$(BASHDIR)/dipnet" "$(ZSHDIR)/_dipnet" "$(FISHDIR)/dipnet.fish"

test:
	scripts/test.sh

clean:
	swift package clean
