-- wrk script: POST /v1/classify with the twenty questions `anju bench-server` rotates through
-- (LoadGenerator.defaultTexts), so HTTP and the line protocol classify the same texts.
--   wrk -t1 -c64 -d10s --latency -s tools/bench_http_classify.lua http://127.0.0.1:8080
local texts = {
  "我想提取公积金买房需要什么材料", "公积金贷款最多能贷多少", "怎么查询公积金余额", "租房可以提取公积金吗",
  "离职以后公积金怎么办", "退休了怎么销户提取", "公积金贷款利率是多少", "异地买房能用公积金贷款吗",
  "缴存基数怎么调整", "我的公积金被封存了怎么办", "装修房子能提取公积金吗", "提前还款需要预约吗",
  "公积金每个月什么时候到账", "二套房公积金贷款首付比例", "父母买房可以用我的公积金吗", "重大疾病可以提取吗",
  "公积金贷款需要连续缴存几个月", "怎么修改查询密码", "在哪里办理公积金业务", "灵活就业人员可以缴存公积金吗",
}
local counter = 0
local headers = { ["Content-Type"] = "application/json" }

request = function()
  counter = counter + 1
  local body = '{"id":' .. counter .. ',"text":"' .. texts[(counter % #texts) + 1] .. '"}'
  return wrk.format("POST", "/v1/classify", headers, body)
end

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
