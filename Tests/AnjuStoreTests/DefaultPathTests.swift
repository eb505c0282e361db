import Testing
import AnjuStore

@Suite("Default database path")
struct DefaultPathTests {
    @Test("XDG_DATA_HOME is used when it is an absolute path")
    func xdgDataHome() {
        #expect(AccountStore.defaultPath(environment: ["XDG_DATA_HOME": "/data/me", "HOME": "/home/me"])
                == "/data/me/anju/anju.sqlite")
    }

    @Test("without XDG_DATA_HOME, or with a relative one, ~/.local/share is used")
    func homeFallback() {
        #expect(AccountStore.defaultPath(environment: ["HOME": "/home/me"]) == "/home/me/.local/share/anju/anju.sqlite")
        #expect(AccountStore.defaultPath(environment: ["XDG_DATA_HOME": "rel/dir", "HOME": "/home/me"])
                == "/home/me/.local/share/anju/anju.sqlite")
        #expect(AccountStore.defaultPath(environment: ["XDG_DATA_HOME": "", "HOME": "/home/me"])
                == "/home/me/.local/share/anju/anju.sqlite")
    }
}
