fn main() {
    omzien::start();
}
