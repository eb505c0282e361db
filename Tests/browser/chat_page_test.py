#!/usr/bin/env python3
"""Drives the web chat page (GET /) in headless Chromium through a rent-withdrawal form.

usage: chat_page_test.py URL OUTPUT_DIR

Loads the page, waits for the WebSocket, switches channel chat→staff→chat, asks
"租房能提多少", checks the citations are shown, answers each question the form asks
(the reply's `expecting`, exposed as data-expecting), reads the figure from the final
answer (a single member with enough balance: 15,000元), asks for a person and sees
the hand-off notice, and saves a screenshot and the
conversation's text in OUTPUT_DIR. Exit 0 on success; an AssertionError otherwise.
"""
import json, os, re, sys, time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

url, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

ANSWERS = {  # what a single renter with 36 months of deposits and 50,000元 says
    "continuous_months": "36",
    "homes_owned": "没有",
    "married": "单身",
    "children": "没有",
    "balance": "50000",
    "annual_rent": "24000",
    "monthly_rent": "2000",
}

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=900,1400", "--lang=zh-CN"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 20)


def bot_rows():
    return driver.find_elements(By.CSS_SELECTOR, ".msg.bot")


def say(text):
    before = len(bot_rows())
    box = driver.find_element(By.ID, "text")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    wait.until(lambda d: len(bot_rows()) > before)
    return bot_rows()[-1]


try:
    driver.get(url)
    assert "公积金" in driver.title, driver.title
    wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("data-transport") == "websocket")

    # The channel switch: each choice is a radio button the next request reads.
    for value in ("staff", "chat"):
        driver.find_element(By.CSS_SELECTOR, f"label:has(input[value={value}])").click()
        assert driver.execute_script("return document.querySelector('input[name=channel]:checked').value") == value

    row = say("租房能提多少")
    assert row.get_attribute("data-intent") == "withdraw_rent", row.get_attribute("data-intent")
    citations = row.find_elements(By.CSS_SELECTOR, ".citations li")
    assert citations, "the first answer shows its citations"

    asked = []
    for _ in range(10):
        expecting = row.get_attribute("data-expecting")
        if not expecting:
            break
        asked.append(expecting)
        assert expecting in ANSWERS, f"unexpected question {expecting}: {row.text}"
        row = say(ANSWERS[expecting])
    final = row.text
    match = re.search(r"最多可提取\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*元", final)
    assert match, f"no figure in the final answer: {final}"
    figure = float(match.group(1).replace(",", ""))
    assert figure == 15000, figure

    # The hand-off: a visible notice under the reply.
    row = say("转人工")
    assert row.get_attribute("data-handoff") == "true", row.text
    assert row.find_element(By.CSS_SELECTOR, ".handoff").is_displayed()

    driver.save_screenshot(os.path.join(out, "chat-page.png"))
    with open(os.path.join(out, "conversation.txt"), "w", encoding="utf-8") as f:
        f.write(driver.find_element(By.ID, "log").text)
    print(json.dumps({"ok": True, "asked": asked, "figure": figure, "citations": len(citations)}, ensure_ascii=False))
except Exception:
    driver.save_screenshot(os.path.join(out, "chat-page-failure.png"))
    with open(os.path.join(out, "page.html"), "w", encoding="utf-8") as f:
        f.write(driver.page_source)
    raise
finally:
    driver.quit()
