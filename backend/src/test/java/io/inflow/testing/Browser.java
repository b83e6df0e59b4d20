package io.inflow.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A real headless Chromium (the machine's own, with its chromedriver) driven by Selenium. */
public final class Browser implements AutoCloseable {
    private static final Path AXE = Path.of("../overlay-js/node_modules/axe-core/axe.min.js");
    public final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start() {
        return start(new String[0]);
    }

    /** With extra Chromium arguments, e.g. {@code --load-extension=DIR}. */
    public static Browser start(String... extraArguments) {
        try {
            Path profile = Files.createTempDirectory("inflow-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("inflow.chromium", "/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
            options.addArguments(extraArguments);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(System.getProperty("inflow.chromedriver", "/usr/bin/chromedriver")))
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void open(String url) {
        driver.get(url);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(Duration.ofSeconds(10), condition);
    }

    public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).ignoring(RuntimeException.class).until(condition);
    }

    /** The open shadow root of the element with this id. */
    public SearchContext shadow(String hostId) {
        return driver.findElement(By.id(hostId)).getShadowRoot();
    }

    /** Elements inside a shadow root, waiting until at least one shows up. */
    public List<WebElement> inShadow(String hostId, String css) {
        return waitFor(d -> {
            List<WebElement> found = shadow(hostId).findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found;
        });
    }

    /** Elements inside a shadow root now, without waiting (empty when the host is absent). */
    public List<WebElement> inShadowNow(String hostId, String css) {
        List<WebElement> hosts = driver.findElements(By.id(hostId));
        return hosts.isEmpty() ? List.of() : hosts.get(0).getShadowRoot().findElements(By.cssSelector(css));
    }

    /** axe-core's violations inside one element (shadow trees included), as "rule: help targets" lines. */
    @SuppressWarnings("unchecked")
    public List<String> axeViolations(String hostId) {
        if (js("return typeof window.axe").equals("undefined")) {
            try {
                js(Files.readString(AXE));
            } catch (java.io.IOException e) {
                throw new AssertionError("axe-core is installed with overlay-js (npm ci): " + AXE.toAbsolutePath(), e);
            }
        }
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run({include: [['#" + hostId + "']]}, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
