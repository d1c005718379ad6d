"""Week 6: the Locust stress test every server model is compared with.

실행 (서버와 다른 PC에서! loopback 은 NIC 를 거치지 않아 감점입니다):
  locust -f locustfile.py --host http://<server-ip>:8080
  웹 UI (http://localhost:8089) 에서 Number of users, Spawn rate 를 정하고 시작합니다.
  첫 실패(failure)가 날 때까지의 Charts 를 캡처해 보고서에 넣으세요.
비교용 명령: pnpm lab:week6 --server "python3 select_server.py" --port 8080
"""

from locust import HttpUser, between, task


class WebsiteUser(HttpUser):
    # Each simulated user waits 1-2 s between requests, like a person clicking through the site.
    wait_time = between(1, 2)

    @task(3)
    def index(self):
        self.client.get('/')

    @task(1)
    def stylesheet(self):
        self.client.get('/style.css')

    # TODO (과제): 이미지(/logo.png)와 없는 파일(404)을 요청하는 task 를 추가해 보세요.
    #   404 는 실패가 아닙니다: with self.client.get(path, catch_response=True) as r: r.success()
